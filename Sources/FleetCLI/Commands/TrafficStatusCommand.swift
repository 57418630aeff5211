import ArgumentParser
import FleetClient
import FleetModel
import Foundation

/// `fleet traffic status`.
struct TrafficStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the background traffic: rate, skew, phase of the day, each instance's share.",
        discussion: """
            With --json prints the reply's traffic object: seed, rate, skew, amplitude, paused, \
            period_ms, phase (0 to 1), time_of_day, target_rate, generator, and instances \
            [{id, zone, version, weight, share, rate}].
            """)

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        try TrafficStatusPrinter.print(try fleet.send(.trafficStatus), json: json)
    }
}

/// Prints the `traffic` reply of every `fleet traffic` client command.
enum TrafficStatusPrinter {
    static func print(_ reply: ControlReply.Body, json: Bool = false) throws {
        guard case .traffic(let name, let status) = reply else {
            throw CLIErrors.Failure(message: "the supervisor did not answer with the traffic status")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        let parameters = status.parameters
        let number = FloatingPointFormatStyle<Double>.number.precision(.fractionLength(0...2))
        let state = parameters.paused ? "paused" : "sending"
        Swift.print("""
            fleet '\(name)' traffic: \(state), generator \(status.generator), seed \(status.seed)
            rate \(parameters.rate.formatted(number)) req/s per instance, skew \(parameters.skew.formatted(number)), \
            amplitude \(parameters.amplitude.formatted(number)), day of \(DurationSyntax.format(.milliseconds(status.periodMs)))
            simulated time \(status.timeOfDay) (phase \(status.phase.formatted(number))), \
            fleet target \(status.targetRate.formatted(number)) req/s
            """)
        var table = TextTable(header: ["INSTANCE", "ZONE", "VERSION", "WEIGHT", "SHARE", "REQ/S"])
        for share in status.instances {
            table.append([
                share.id, share.zone, share.version, share.weight.formatted(number),
                share.share.formatted(.percent.precision(.fractionLength(1))), share.rate.formatted(number),
            ])
        }
        Swift.print(table.render(), terminator: "")
    }
}
