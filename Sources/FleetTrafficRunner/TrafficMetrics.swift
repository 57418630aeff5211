import Prometheus
import Synchronization

/// The generator's own metrics (job `fleet-traffic`): what it sent and what it aims for.
///
/// `fleet_traffic_requests_total{instance,status_code}` counts answered requests by their
/// status (`error` when no answer came: refused, reset, timed out); the instructor compares it
/// with the instances' own `http_server_*` series, which cannot tell these requests apart.
public final class TrafficMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let instanceIDs: [String]
    private let counters = Mutex<[Int: Counter]>([:])
    private let targetRate: Gauge
    private let paused: Gauge
    private let dropped: Counter

    nonisolated(unsafe) private static let requests = MetricNameDescriptor(
        metricName: "fleet_traffic_requests_total", unitName: "",
        helpText: "Background requests sent by the traffic generator, by target instance and answered status.")
    nonisolated(unsafe) private static let target = MetricNameDescriptor(
        metricName: "fleet_traffic_target_rate", unitName: "",
        helpText: "Requests per second the generator aims at now, for the whole fleet (daily curve included).")
    nonisolated(unsafe) private static let pausedName = MetricNameDescriptor(
        metricName: "fleet_traffic_paused", unitName: "", helpText: "1 while the instructor paused the background traffic.")
    nonisolated(unsafe) private static let droppedName = MetricNameDescriptor(
        metricName: "fleet_traffic_dropped_total", unitName: "",
        helpText: "Requests not sent because too many were still waiting for an answer.")

    public init(instanceIDs: [String]) {
        self.instanceIDs = instanceIDs
        targetRate = registry.makeGauge(descriptor: Self.target)
        paused = registry.makeGauge(descriptor: Self.pausedName)
        dropped = registry.makeCounter(descriptor: Self.droppedName)
    }

    /// Counts one answered (`status`) or failed (nil) request to instance `index`.
    func count(instance index: Int, status: Int?) {
        let key = index * 1000 + (status ?? 0)
        let counter = counters.withLock { cache in
            if let counter = cache[key] { return counter }
            let label = status.map(String.init) ?? "error"
            let counter = registry.makeCounter(
                descriptor: Self.requests, labels: [("instance", instanceIDs[index]), ("status_code", label)])
            cache[key] = counter
            return counter
        }
        counter.increment()
    }

    func setTarget(rate: Double, paused isPaused: Bool) {
        targetRate.set(rate)
        paused.set(isPaused ? 1.0 : 0.0)
    }

    func countDropped() { dropped.increment() }
}
