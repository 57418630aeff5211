import ArgumentParser
import FleetModel

/// `fleet traffic set`.
struct TrafficSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change the background traffic's rate, skew or amplitude.",
        discussion: """
            Values are checked before anything is sent and again by the supervisor: a bad one \
            is an error and nothing changes. A new skew keeps the seed's order of busy and quiet \
            instances. The change is published as a traffic.changed event.
            """)

    @OptionGroup var fleet: FleetOptions

    // `.unconditional`: `--rate -1` must reach the range check, not read as an unknown flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("Mean requests per second per instance (0 to 1000).", valueName: "r"))
    var rate: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("0 (equal shares) to 1 (strongly uneven).", valueName: "s"))
    var skew: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("The daily swing, 0 to 1.", valueName: "a"))
    var amplitude: Double?

    var adjustment: TrafficAdjustment { TrafficAdjustment(rate: rate, skew: skew, amplitude: amplitude) }

    func validate() throws {
        guard rate != nil || skew != nil || amplitude != nil else {
            throw ValidationError("give at least one of --rate, --skew, --amplitude")
        }
        // The same rule the supervisor applies; any valid knobs will do as the base.
        if case .failure(let refusal) = TrafficParameters(rate: 1, skew: 0, amplitude: 0).adjusted(adjustment) {
            throw ValidationError(refusal.message)
        }
    }

    func run() throws {
        try TrafficStatusPrinter.print(try fleet.send(.trafficSet(adjustment)))
    }
}
