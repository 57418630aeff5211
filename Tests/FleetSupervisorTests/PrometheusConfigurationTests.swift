import FleetModel
import Foundation
import Testing
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

    @Test func theConfigurationHasBothJobsRulesAndIntervals() {
        let files = PrometheusConfiguration(config: makeConfig(), directory: "/tmp/p")
        let yaml = files.prometheusYAML(ruleFiles: ["/x/alerts.yml"])
        #expect(yaml.contains("scrape_interval: 1s"))
        #expect(yaml.contains("evaluation_interval: 2s"))
        #expect(yaml.contains("rule_files:\n  - \"/x/alerts.yml\""))
        #expect(yaml.contains("job_name: fleet-instances"))
        #expect(yaml.contains("files: [\"/tmp/p/instances.json\"]"))
        // The supervisor's metrics carry their own `instance` label: honor it.
        #expect(yaml.contains("job_name: fleet-supervisor\n    honor_labels: true"))
        #expect(yaml.contains("targets: [\"127.0.0.1:9200\"]"))
    }

    @Test func withoutSupervisorMetricsThereIsNoSupervisorJob() {
        var config = makeConfig()
        config.supervisor.metricsPort = 0
        let yaml = PrometheusConfiguration(config: config, directory: "/tmp/p").prometheusYAML(ruleFiles: [])
        #expect(!yaml.contains("fleet-supervisor"))
        #expect(!yaml.contains("rule_files"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/promtool")))
    func promtoolAcceptsTheGeneratedConfiguration() throws {
        let directory = NSTemporaryDirectory() + "fleetsim-promcfg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = PrometheusConfiguration(config: makeConfig(), directory: directory)
        try files.write(ruleFiles: [])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/promtool")
        process.arguments = ["check", "config", files.configPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
