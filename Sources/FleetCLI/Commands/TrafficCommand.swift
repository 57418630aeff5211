import ArgumentParser

/// `fleet traffic …`: the background traffic of a running fleet.
struct TrafficCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Watch and steer the fleet's background traffic.",
        discussion: """
            `fleet up` spawns a traffic generator (`fleet traffic run`) that sends every instance \
            real HTTP requests — counts, durations, gauge updates, health checks, 404s and 422s — \
            at traffic.rate per instance on average, spread unevenly by seeded weights \
            (traffic.skew) and following a daily curve (traffic.period, traffic.amplitude). \
            The supervisor holds the settings; these commands change them during class, and every \
            change is an event (traffic.changed, traffic.paused, traffic.resumed).
            """,
        subcommands: [
            TrafficStatusCommand.self, TrafficSetCommand.self, TrafficPauseCommand.self, TrafficResumeCommand.self,
            TrafficRunCommand.self,
        ])
}
