import ArgumentParser
import FleetModel
import Foundation

/// `fleet validate`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a fleet configuration and print the resolved fleet.",
        discussion: """
            Errors name the key, its line and what was expected, e.g. \
            `fleet.yaml:4: fleet.base_port: expected a port in 1...65535, found 70000`. Exits 0 \
            when the configuration is valid.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("Overrides fleet.instances.", valueName: "n"))
    var instances: Int?

    @Option(name: .customLong("base-port"), help: ArgumentHelp("Overrides fleet.base_port.", valueName: "port"))
    var basePort: Int?

    func run() throws {
        var config = try fleet.loadConfig()
        if let instances { config.fleet.instances = instances }
        if let basePort { config.fleet.basePort = basePort }
        try config.validate(source: "command line")
        print(Self.describe(config, source: fleet.resolvedConfigPath ?? "built-in default"))
    }

    static func describe(_ config: FleetConfig, source: String) -> String {
        let scenarios = config.scenarios
        var lines = [
            "configuration: \(source)",
            "fleet '\(config.fleet.name)': \(config.fleet.instances) instances on \(config.fleet.host), data in \(config.fleet.dataDir)",
            "simulated host per instance: memory \(config.node.memory), disk \(config.node.disk), \(config.node.cpus) CPUs; process group '\(config.metrics.processGroup)'",
            "scenario1 (memory leak): \(scenarios.scenario1.chunkSize) every \(DurationSyntax.format(scenarios.scenario1.interval)), at most \(scenarios.scenario1.maxChunks) chunks (cap \(scenarios.scenario1.cap))",
            "scenario2 (disk fill): \(scenarios.scenario2.chunkSize) every \(DurationSyntax.format(scenarios.scenario2.interval)), real free-space reserve \(scenarios.scenario2.freeSpaceReserve)",
            "scenario3 (rate limit): client \(scenarios.scenario3.clientRate) req/s, limit \(scenarios.scenario3.limit) per \(DurationSyntax.format(scenarios.scenario3.window))",
            "scenario4 (latency): +\(DurationSyntax.format(scenarios.scenario4.delay)) + up to \(DurationSyntax.format(scenarios.scenario4.jitter)) per request",
            "scenario5 (errors): \(scenarios.scenario5.errorRate) of requests answer 500",
            "scenario6 (cpu): \(scenarios.scenario6.cores) cores",
            "scenario7 (crash loop): exit 1 every \(DurationSyntax.format(scenarios.scenario7.interval))",
            "scenario8 (fd leak): \(scenarios.scenario8.perStep) every \(DurationSyntax.format(scenarios.scenario8.interval)), at most \(scenarios.scenario8.maxOpen)",
            "control: \(config.commandEndpoint)  events: \(config.eventsEndpoint)  instances: \(config.instancesEndpoint)",
            "supervisor metrics: " + (config.supervisor.metricsPort > 0 ? "http://\(config.fleet.host):\(config.supervisor.metricsPort)/metrics" : "off"),
            "prometheus: \(config.prometheus.enabled.rawValue), port \(config.prometheus.port), scrape every \(DurationSyntax.format(config.prometheus.scrapeInterval))"
                + "; data \(config.prometheus.keepData ? "kept at stop" : "deleted at stop"), "
                + "retention \(DurationSyntax.format(config.prometheus.retention)) or \(config.prometheus.retentionSize)",
            "traffic: " + (config.traffic.enabled
                ? "\(config.traffic.rate.formatted()) req/s per instance, skew \(config.traffic.skew.formatted()), "
                    + "day of \(DurationSyntax.format(config.traffic.period)) ±\(config.traffic.amplitude.formatted(.percent)), "
                    + "seed \(config.traffic.seed.map(String.init) ?? "drawn at start"), metrics on port \(config.traffic.metricsPort)"
                : "off"),
            "classroom: " + (config.classroom.listen.map { "listen \($0) as well as \(config.fleet.host)" } ?? "loopback only")
                + ", scenario control \(config.classroom.effectiveScenarioControl.rawValue)"
                + (config.classroom.scenarioControl == .auto ? " (auto)" : "")
                + ", \(config.classroom.students.count) students",
            "console: " + (config.console.enabled ? "http://\(config.fleet.host):\(config.console.port)/" : "off"),
            "",
        ]
        let owners = !config.classroom.students.isEmpty
        var table = TextTable(header: ["ID", "URL", "ZONE", "VERSION"] + (owners ? ["OWNER"] : []) + ["DATA"])
        for (index, id) in config.instanceIDs.enumerated() {
            table.append([
                id, "http://\(config.fleet.host):\(config.port(ordinal: index + 1))", config.zone(ordinal: index + 1),
                config.version(ordinal: index + 1),
            ] + (owners ? [config.owner(ofInstance: id) ?? "-"] : []) + [config.dataDirectory(ofInstance: id)])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
