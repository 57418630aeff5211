import ArgumentParser
import FleetConsole
import FleetModel
import FleetSupervisor
import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// `fleet up`: the supervisor, in the foreground.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the fleet and supervise it in the foreground.",
        discussion: """
            Spawns every instance (`fleet instance …`), waits until each answers \
            /scenario/health, prints a table of their /docs and /metrics URLs, then streams \
            their logs prefixed with their id. Dead instances are restarted (with backoff, up \
            to supervisor.max_restarts in a row); hung ones (no heartbeat) are killed and \
            restarted. Ctrl-C or SIGTERM (or `fleet down`) stops every scenario, removes every \
            instance's files, reaps every child and exits 0. Prometheus' data stays in \
            <data-dir>/prometheus/data (prometheus.keep_data, default true) and the next \
            `fleet up` with the same data folder continues it; `fleet down --purge` deletes it.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("Overrides fleet.instances.", valueName: "n"))
    var instances: Int?

    @Option(name: .customLong("base-port"), help: ArgumentHelp("Overrides fleet.base_port.", valueName: "port"))
    var basePort: Int?

    @Flag(help: "Run a chaos plan once the fleet is ready (see `fleet chaos`).")
    var chaos = false

    @Option(name: .customLong("seed"), help: ArgumentHelp("With --chaos: the plan's seed (default: chaos.seed, else fresh).", valueName: "n"))
    var chaosSeed: UInt64?

    func run() async throws {
        var config = try fleet.loadConfig()
        if let instances { config.fleet.instances = instances }
        if let basePort { config.fleet.basePort = basePort }
        try config.validate(source: "command line")
        let logger = CLILogging.logger(label: "fleet.supervisor")

        let lock = try FleetLock(path: config.supervisorLockPath)
        defer {
            lock.release()
            // Only when empty: the folder may hold the chaos answer key, or be the user's own.
            rmdir(config.fleet.dataDir)
        }
        var extraPorts: [(String, Int)] = []
        if config.supervisor.metricsPort > 0 { extraPorts.append(("supervisor metrics", config.supervisor.metricsPort)) }
        if config.traffic.enabled { extraPorts.append(("traffic metrics", config.traffic.metricsPort)) }
        if config.console.enabled { extraPorts.append(("console", config.console.port)) }
        let prometheusBinary = try PrometheusServer.locateBinary(mode: config.prometheus.enabled)
        if prometheusBinary != nil { extraPorts.append(("prometheus", config.prometheus.port)) }
        try Preflight.checkPorts(config, extraPorts: extraPorts)
        try Preflight.checkResources(config, prometheusRuns: prometheusBinary != nil)
        try Self.prepareClassroomTokens(config)

        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let prometheus = prometheusBinary.map { binary in
            PrometheusServer(
                configuration: PrometheusConfiguration(config: config, directory: config.prometheusDirectory),
                binary: binary, ruleFiles: RuleFiles.existing(config.prometheus.ruleFiles), logger: logger)
        }
        let prometheusLine = prometheus.map { "prometheus: \($0.url)" }
            ?? "prometheus: off (prometheus.enabled: \(config.prometheus.enabled.rawValue)"
                + (config.prometheus.enabled == .auto ? ", binary not found; `sudo apt-get install prometheus`)" : ")")
        // Drawn here, and printed, so a class can be replayed with `traffic.seed`.
        let trafficSeed = config.traffic.enabled
            ? config.traffic.seed ?? UInt64.random(in: 0...UInt64(UInt32.max)) : nil
        let supervisor = try FleetSupervisor(
            options: SupervisorOptions(
                config: config, configPath: fleet.resolvedConfigPath, prometheus: prometheus,
                chaosAtStart: chaos ? .init(seed: chaosSeed) : nil, trafficSeed: trafficSeed),
            logger: logger)
        let resolved = config
        let supervisorService = SupervisorService(supervisor: supervisor) { report in
            Self.printReady(report, config: resolved, prometheusLine: prometheusLine)
            if let trafficSeed {
                print("traffic: \(resolved.traffic.rate.formatted()) req/s per instance, seed \(trafficSeed) (`fleet traffic status`)")
                fflush(nil)
            }
        }
        if config.supervisor.metricsPort > 0 {
            services += supervisor.metricsApplications(logger: logger).map { .init(service: $0) }
        }
        if config.console.enabled {
            services.append(.init(service: try Self.console(config, logger: logger)))
        }
        // The supervisor ending (e.g. `fleet down`) ends the group gracefully.
        services.append(.init(
            service: supervisorService, successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup))
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Longer than the supervisor's own bounded stop (chaos and scenario stops 2.5 s each,
        // SIGTERM 3 s, SIGKILL 2 s): the group must not cancel a stop that is keeping its word.
        configuration.maximumGracefulShutdownDuration = .seconds(12)
        try await ServiceGroup(configuration: configuration).run()
        removeFleetFiles(config)
    }

    /// What the class needs to know once the fleet is up: every instance's URLs, the control
    /// endpoints, Prometheus and chaos.
    private static func printReady(_ report: ReadyReport, config: FleetConfig, prometheusLine: String) {
        let owners = !config.classroom.students.isEmpty
        var table = TextTable(header: ["ID", "DOCS", "METRICS", "PID"] + (owners ? ["OWNER"] : []))
        for status in report.statuses {
            table.append([status.id, status.url + "/docs", status.url + "/metrics", status.pid.map(String.init) ?? "-"]
                + (owners ? [config.owner(ofInstance: status.id) ?? "-"] : []))
        }
        let ready = report.statuses.count - report.unhealthy.count
        print("fleet '\(config.fleet.name)': \(ready) of \(report.statuses.count) instances ready\n\(table.render())", terminator: "")
        if !report.unhealthy.isEmpty { print("not healthy yet: \(report.unhealthy.joined(separator: ", "))") }
        print("control: \(config.commandEndpoint)  events: \(config.eventsEndpoint)")
        if config.supervisor.metricsPort > 0 {
            print("supervisor metrics: http://\(config.fleet.host):\(config.supervisor.metricsPort)/metrics")
        }
        if config.console.enabled {
            let urls = config.listenHosts.map { "http://\($0.contains(":") ? "[\($0)]" : $0):\(config.console.port)/" }
            print("console: \(urls.joined(separator: "  ")) (sign in with a token of `fleet roster`)")
        }
        print(prometheusLine)
        printClassroom(config: config, prometheus: prometheusLine.hasPrefix("prometheus: http"))
        switch report.chaos {
        case .success(let summary)?:
            print("chaos running: seed \(summary.seed), \(summary.injections) injections; answer key \(summary.journal)")
        case .failure(let error)?:
            print("chaos could not start: \(error)")
        case nil:
            break
        }
        print("Ctrl-C stops the fleet.")
        // Piped output (a log file, a test) must see the table now, not at exit.
        fflush(nil)
    }

    /// The web console on `console.port`, on every address the fleet serves, signing in with the
    /// classroom's tokens (created with the data folder's tokens file when missing).
    private static func console(_ config: FleetConfig, logger: Logger) throws -> ConsoleService {
        try FileManager.default.createDirectory(atPath: config.fleet.dataDir, withIntermediateDirectories: true)
        let tokens = try classroomTokens(config)
        var options = ConsoleOptions(classroom: config)
        options.prometheusHost = config.prometheusClientHost
        // Made by the supervisor, which is created first.
        options.curve = try config.curveClientKeys()
        return ConsoleService(options: options, hosts: config.listenHosts, signIn: tokens, logger: logger)
    }

    /// Creates the classroom's tokens file (or adds the tokens of new students) before any
    /// instance starts, since instances read it; a fleet without a class has none.
    private static func prepareClassroomTokens(_ config: FleetConfig) throws {
        guard config.classroom.listen != nil || !config.classroom.students.isEmpty else { return }
        _ = try classroomTokens(config)
    }

    /// The class's tokens, the file created or completed as needed; its problems as CLI errors.
    private static func classroomTokens(_ config: FleetConfig) throws -> ClassroomTokens {
        do {
            return try ClassroomTokens.loadOrCreate(at: config.classroomTokensPath, roster: config.classroomRoster)
        } catch let failure as SecretFile.Failure {
            throw CLIErrors.Failure(message: failure.description)
        }
    }

    /// The addresses the class opens, when `classroom.listen` opens the fleet beyond loopback.
    private static func printClassroom(config: FleetConfig, prometheus: Bool) {
        let hosts = config.classroomHosts
        guard !hosts.isEmpty else { return }
        let mode = config.classroom.effectiveScenarioControl
        print("classroom: scenario control \(mode.rawValue), \(config.classroom.students.count) students (`fleet roster` prints the handout with tokens)")
        for host in hosts {
            let base = "http://\(host.contains(":") ? "[\(host)]" : host)"
            let first = config.port(ordinal: 1), last = config.port(ordinal: config.fleet.instances)
            var line = "  \(base):\(first)…\(last) (instances: /docs, /metrics)"
            if prometheus { line += "  prometheus \(base):\(config.prometheus.port)" }
            if config.supervisor.metricsPort > 0 { line += "  supervisor \(base):\(config.supervisor.metricsPort)/metrics" }
            print(line)
        }
    }

    /// The control sockets; the data folder itself goes when empty (see `run`).
    private func removeFleetFiles(_ config: FleetConfig) {
        for endpoint in [config.commandEndpoint, config.eventsEndpoint, config.instancesEndpoint] {
            if let path = endpoint.socketPath { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
