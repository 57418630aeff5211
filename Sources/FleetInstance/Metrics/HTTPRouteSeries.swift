import Prometheus
import Synchronization

/// The three HTTP histograms of one label set (method, server name, status, route template).
///
/// `http_server_request_size_bytes` is made only when the first request with a body arrives:
/// the original shows that series only for requests that had one.
final class HTTPRouteSeries: Sendable {
    /// `http_server_duration_milliseconds`.
    let duration: ValueHistogram
    /// `http_server_response_size_bytes`.
    let responseSize: ValueHistogram

    private let registry: PrometheusCollectorRegistry
    private let labels: [(String, String)]
    private let requestSize = Mutex<ValueHistogram?>(nil)

    init(registry: PrometheusCollectorRegistry, labels: [(String, String)]) {
        self.registry = registry
        self.labels = labels
        duration = registry.makeValueHistogram(
            descriptor: MetricNames.httpDuration, labels: labels, buckets: MetricNames.httpBuckets)
        responseSize = registry.makeValueHistogram(
            descriptor: MetricNames.httpResponseSize, labels: labels, buckets: MetricNames.httpBuckets)
    }

    /// Records one answered request; `requestBytes` is `nil` for a request without a body.
    func record(milliseconds: Double, requestBytes: Int?, responseBytes: Int) {
        duration.record(milliseconds)
        responseSize.record(Double(responseBytes))
        guard let requestBytes else { return }
        let histogram = requestSize.withLock { histogram in
            if let histogram { return histogram }
            let made = registry.makeValueHistogram(
                descriptor: MetricNames.httpRequestSize, labels: labels, buckets: MetricNames.httpBuckets)
            histogram = made
            return made
        }
        histogram.record(Double(requestBytes))
    }
}
