import ArgumentParser
import FleetClient
import FleetModel
import Foundation

/// `fleet events`.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Follow the running fleet's event stream.",
        discussion: """
            One line per event: sequence number, time, event, instance, scenario and origin \\
            (scenario.started/stopped, instance.up/down/restarted, fleet.stopping, chaos.*). \\
            A gap in sequence numbers means events were missed. Runs until Ctrl-C, --count \\
            events, or --duration seconds.
            """)

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print each event's JSON as received.")
    var json = false

    @Option(help: ArgumentHelp("Exit after this many events.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Exit after this many seconds.", valueName: "seconds"))
    var duration: Double?

    func run() throws {
        let config = try fleet.loadConfig()
        let endpoint = config.eventsEndpoint
        let curve = try fleet.curveKeys(config)
        let subscriber = try CLIErrors.reporting { try EventSubscriber(endpoint: endpoint, curve: curve) }
        let deadline = duration.map { Date().addingTimeInterval($0) }
        var received = 0
        while count.map({ received < $0 }) ?? true, deadline.map({ Date() < $0 }) ?? true {
            guard let next = try subscriber.next() else { continue }
            received += 1
            if json {
                emit(String(decoding: next.payload, as: UTF8.self))
            } else if let event = next.event {
                let fields = [
                    "#\(event.seq)", event.time, event.kind.rawValue, event.instance ?? "", event.scenario?.rawValue ?? "",
                    event.origin.map { "by \($0.rawValue)" } ?? "", event.detail ?? "",
                ]
                emit(fields.filter { !$0.isEmpty }.joined(separator: "  "))
            } else {
                emit("(undecodable event: \(next.payload.count) bytes)")
            }
        }
    }

    /// One line, written at once: a follower piped into another program must not wait for a buffer.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
