import FleetModel
import Foundation
import FleetTestSupport
import Testing
import Yams
@testable import FleetSupervisor

@Suite struct PrometheusConfigurationTests {
    func makeConfig() -> FleetConfig {
        var config = FleetConfig()
        config.fleet.name = "class-a"
        config.fleet.instances = 3
        config.fleet.basePort = 9001
        config.supervisor.metricsPort = 9200
        config.prometheus.scrapeInterval = .seconds(1)
        config.prometheus.evaluationInterval = .seconds(2)
        // The traffic job has tests of its own (PrometheusTrafficConfigurationTests).
        config.traffic.enabled = false
        return config
    }

    @Test func everyInstanceIsATargetWithAReadableInstanceLabel() throws {
        let files = PrometheusConfiguration(config: makeConfig(), directory: "/tmp/p")
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(files.targetsJSON().utf8)) as? [[String: Any]])
        #expect(groups.count == 3)
        let pairs = groups.map { group -> (String, String, String) in
            let targets = group["targets"] as? [String] ?? []
            let labels = group["labels"] as? [String: String] ?? [:]
            return (targets.first ?? "", labels["instance"] ?? "", labels["fleet"] ?? "")
        }
        #expect(pairs.map(\.0) == ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"])
        #expect(pairs.map(\.1) == ["svc-01", "svc-02", "svc-03"])
        #expect(pairs.allSatisfy { $0.2 == "class-a" })
    }

    /// The file as Prometheus reads it: parsed back, not searched as text.
    func parsed(_ files: PrometheusConfiguration, ruleFiles: [String]) throws -> PrometheusConfigFile {
        try YAMLDecoder().decode(PrometheusConfigFile.self, from: try files.prometheusYAML(ruleFiles: ruleFiles))
    }

    @Test func theConfigurationHasBothJobsRulesAndIntervals() throws {
        let files = PrometheusConfiguration(config: makeConfig(), directory: "/tmp/p")
        let config = try parsed(files, ruleFiles: ["/x/alerts.yml", "/x/it's \"odd\": #1.yml"])
        #expect(config.global == .init(scrapeInterval: "1s", scrapeTimeout: "1s", evaluationInterval: "2s"))
        #expect(config.ruleFiles == ["/x/alerts.yml", "/x/it's \"odd\": #1.yml"], "any path survives the quoting")
        #expect(config.scrapeConfigs == [
            .init(jobName: "fleet-instances", fileSDConfigs: [.init(files: ["/tmp/p/instances.json"], refreshInterval: "1s")]),
            // The supervisor's metrics carry their own `instance` label: honor it.
            .init(jobName: "fleet-supervisor", honorLabels: true,
                  staticConfigs: [TargetGroup(targets: ["127.0.0.1:9200"], labels: ["fleet": "class-a"])]),
        ])
    }

    @Test func withoutSupervisorMetricsThereIsNoSupervisorJob() throws {
        var config = makeConfig()
        config.supervisor.metricsPort = 0
        let file = try parsed(PrometheusConfiguration(config: config, directory: "/tmp/p"), ruleFiles: [])
        #expect(file.scrapeConfigs.map(\.jobName) == ["fleet-instances"])
        #expect(file.ruleFiles == nil)
    }

    @Test(.enabled(if: ExternalRequirement.shouldRun(ExternalRequirement.executable(named: "promtool") != nil), "needs promtool"))
    func promtoolAcceptsTheGeneratedConfiguration() throws {
        let promtool = try #require(ExternalRequirement.executable(named: "promtool"), "promtool is not on PATH")
        let directory = NSTemporaryDirectory() + "fleetsim-promcfg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = PrometheusConfiguration(config: makeConfig(), directory: directory)
        try files.write(ruleFiles: [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "config", files.configPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
