import ArgumentParser

/// `fleet`: run a classroom fleet of the Prometheus workshop service.
public struct FleetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Run a fleet of the Prometheus workshop service for a class.",
        discussion: """
            A supervisor (`fleet up`) spawns N instances of the workshop service on loopback, keeps \
            them alive, and starts or stops their failure scenarios on request. Every command finds \
            its fleet through --config (default: ./fleet.yaml, else the built-in default) and \
            --data-dir (default: the config's fleet.data_dir).
            """,
        subcommands: [
            UpCommand.self,
            StatusCommand.self,
            StartCommand.self,
            StopCommand.self,
            EventsCommand.self,
            DownCommand.self,
            ChaosCommand.self,
            TrafficCommand.self,
            RosterCommand.self,
            ValidateCommand.self,
            PrometheusConfigCommand.self,
            InstanceCommand.self,
            GuardCommand.self,
        ])

    public init() {}
}
