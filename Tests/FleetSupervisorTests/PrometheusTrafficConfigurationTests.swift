import FleetModel
import Foundation
import Testing
import Yams
@testable import FleetSupervisor

/// Topology labels on every instance target, and the traffic generator's job.
@Suite struct PrometheusTrafficConfigurationTests {
    func makeConfig() -> FleetConfig {
        var config = FleetConfig()
        config.fleet.instances = 4
        config.topology.versions = ["v1", "v2"]
        return config
    }

    @Test func everyTargetCarriesItsZoneAndVersion() throws {
        let files = PrometheusConfiguration(config: makeConfig(), directory: "/tmp/p")
        let groups = try JSONDecoder().decode([TargetGroup].self, from: Data(files.targetsJSON().utf8))
        #expect(groups.map { $0.labels["zone"] } == ["zone-a", "zone-b", "zone-c", "zone-a"])
        #expect(groups.map { $0.labels["version"] } == ["v1", "v2", "v1", "v2"])
        #expect(groups.map { $0.labels["instance"] } == ["svc-01", "svc-02", "svc-03", "svc-04"])
    }

    @Test func theTrafficGeneratorIsScrapedAsItsOwnJob() throws {
        let files = PrometheusConfiguration(config: makeConfig(), directory: "/tmp/p")
        let file = try YAMLDecoder().decode(PrometheusConfigFile.self, from: try files.prometheusYAML(ruleFiles: []))
        let job = try #require(file.scrapeConfigs.first { $0.jobName == "fleet-traffic" })
        // Its `instance` label names the instance a request went to: honor it.
        #expect(job.honorLabels == true)
        #expect(job.staticConfigs == [TargetGroup(targets: ["127.0.0.1:9101"], labels: ["fleet": "workshop"])])
    }

    @Test func withoutTrafficThereIsNoTrafficJob() throws {
        var config = makeConfig()
        config.traffic.enabled = false
        let file = try YAMLDecoder().decode(
            PrometheusConfigFile.self, from: try PrometheusConfiguration(config: config, directory: "/tmp/p").prometheusYAML(ruleFiles: []))
        #expect(!file.scrapeConfigs.map(\.jobName).contains("fleet-traffic"))
    }
}
