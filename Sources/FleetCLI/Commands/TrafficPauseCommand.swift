import ArgumentParser

/// `fleet traffic pause`.
struct TrafficPauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop the background traffic; instances see only scrapes and students' requests.",
        discussion: "The generator keeps running, idle, until `fleet traffic resume`. Published as traffic.paused.")

    @OptionGroup var fleet: FleetOptions

    func run() throws {
        try TrafficStatusPrinter.print(try fleet.send(.trafficPause))
    }
}
