import ArgumentParser

/// `fleet traffic resume`.
struct TrafficResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Send the background traffic again, at the current settings.",
        discussion: "Published as traffic.resumed.")

    @OptionGroup var fleet: FleetOptions

    func run() throws {
        try TrafficStatusPrinter.print(try fleet.send(.trafficResume))
    }
}
