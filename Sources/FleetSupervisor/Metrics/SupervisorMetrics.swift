import FleetModel
import Prometheus

/// The supervisor's own metrics, served on `supervisor.metrics_port`.
public final class SupervisorMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let exposeTruth: Bool

    nonisolated(unsafe) private static let up = MetricNameDescriptor(
        metricName: "fleet_instance_up", helpText: "1 when the instance is up (registered and heartbeating), else 0.")
    nonisolated(unsafe) private static let restarts = MetricNameDescriptor(
        metricName: "fleet_instance_restarts_total", helpText: "Restarts of the instance by the supervisor.")
    nonisolated(unsafe) private static let roundTrip = MetricNameDescriptor(
        metricName: "fleet_control_roundtrip_seconds",
        helpText: "Time from sending a command to an instance until its ack arrived.")
    nonisolated(unsafe) private static let scenarioActive = MetricNameDescriptor(
        metricName: "fleet_scenario_active",
        helpText: "Ground truth for the instructor: 1 while the scenario runs on the instance.")
    nonisolated(unsafe) private static let ownerInfo = MetricNameDescriptor(
        metricName: "fleet_instance_owner_info",
        helpText: "1 for each instance a student of the classroom roster owns, with the student's name as `owner` (never a token).")
    private static let roundTripBuckets: [Double] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private let roundTripHistogram: ValueHistogram

    /// - Parameters:
    ///   - exposeTruth: publish `fleet_scenario_active` (chaos answer key; off by default).
    ///   - roster: the classroom's students and their instances, published as `fleet_instance_owner_info`.
    public init(instanceIDs: [String], exposeTruth: Bool, roster: [RosterEntry] = []) {
        self.exposeTruth = exposeTruth
        roundTripHistogram = registry.makeValueHistogram(
            descriptor: Self.roundTrip, labels: [], buckets: Self.roundTripBuckets)
        for id in instanceIDs {
            setUp(id, false)
            _ = registry.makeCounter(descriptor: Self.restarts, labels: [("instance", id)])
            setScenario(id, nil)
        }
        for entry in roster {
            registry.makeGauge(descriptor: Self.ownerInfo, labels: [("instance", entry.instanceID), ("owner", entry.name)]).set(1.0)
        }
    }

    func setUp(_ instance: String, _ up: Bool) {
        registry.makeGauge(descriptor: Self.up, labels: [("instance", instance)]).set(up ? 1.0 : 0.0)
    }

    func countRestart(_ instance: String) {
        registry.makeCounter(descriptor: Self.restarts, labels: [("instance", instance)]).increment()
    }

    func recordRoundTrip(seconds: Double) {
        roundTripHistogram.record(seconds)
    }

    func setScenario(_ instance: String, _ running: ScenarioAlias?) {
        guard exposeTruth else { return }
        for alias in ScenarioAlias.allCases {
            registry.makeGauge(descriptor: Self.scenarioActive, labels: [("instance", instance), ("scenario", alias.rawValue)])
                .set(alias == running ? 1.0 : 0.0)
        }
    }
}
