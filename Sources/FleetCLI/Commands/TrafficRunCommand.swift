import ArgumentParser
import FleetModel
import FleetProcess
import FleetTrafficRunner
import Logging
import ServiceLifecycle

/// `fleet traffic run`: the generator, in the foreground (what `fleet up` spawns).
struct TrafficRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send the fleet's background traffic in the foreground.",
        discussion: """
            `fleet up` spawns exactly this command, with --link and --supervisor-pid: it then \
            follows the supervisor's settings and exits when the supervisor is gone. Without \
            --link it sends the configured traffic on its own. Requests go only to the fleet's \
            instances on its loopback host; its own /metrics is on traffic.metrics_port.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("The supervisor's traffic link endpoint (set by `fleet up`).", valueName: "endpoint"))
    var link: String?

    @Option(
        name: .customLong("supervisor-pid"),
        help: ArgumentHelp("Exit when this process is no longer the parent (set by `fleet up`).", valueName: "pid"))
    var supervisorPID: Int32?

    @Option(help: ArgumentHelp("Overrides fleet.instances.", valueName: "n"))
    var instances: Int?

    @Option(name: .customLong("base-port"), help: ArgumentHelp("Overrides fleet.base_port.", valueName: "port"))
    var basePort: Int?

    @Option(help: ArgumentHelp("Without --link: the seed (default: traffic.seed, else fresh, printed).", valueName: "n"))
    var seed: UInt64?

    func run() async throws {
        if let supervisorPID, !ParentDeath.arm(expectedParent: supervisorPID) {
            // The supervisor died before the signal was armed: never run as an orphan.
            throw ExitCode(1)
        }
        var config = try fleet.loadConfig()
        if let instances { config.fleet.instances = instances }
        if let basePort { config.fleet.basePort = basePort }
        try config.validate(source: "command line")
        let endpoint = try link.map { text in
            switch ControlEndpointAddress.parse(text) {
            case .success(let address): return address
            case .failure(let invalid): throw ValidationError("--link: \(invalid.message)")
            }
        }
        let logger = CLILogging.logger(label: "fleet.traffic")
        let chosenSeed = seed ?? config.traffic.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        if endpoint == nil { print("traffic seed: \(chosenSeed)") }
        let generator = TrafficGenerator(
            options: .init(config: config, link: endpoint, supervisorPID: supervisorPID, seed: chosenSeed),
            metrics: TrafficMetrics(instanceIDs: config.instanceIDs), logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: generator)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
