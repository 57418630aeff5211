import Prometheus
import Synchronization

/// The series that the requests of one method and server name land in.
///
/// Holds the `http_server_active_requests` gauge of that pair and, per answered status and
/// route template, its histograms (``HTTPRouteSeries``), each made on first use. A request
/// resolves this once when it begins and its ``HTTPRouteSeries`` once when it is answered, so
/// that a request costs two small lookups instead of hashing its label values again for every
/// series it touches (the active gauge twice, each histogram once).
final class HTTPRequestSeries: Sendable {
    /// The labels that pick an instance of this class: method and (admitted) server name.
    struct Key: Hashable, Sendable {
        var method: String
        var serverName: String
    }

    /// What the answer adds: its status, and the route template (`nil` when no route matched;
    /// such a request carries no `http_target`).
    struct RouteKey: Hashable, Sendable {
        var statusCode: Int
        var target: String?
    }

    /// `http_server_active_requests` of this method and server name.
    let active: Gauge

    private let registry: PrometheusCollectorRegistry
    /// The labels every series of this pair starts with, alphabetical as the original's exporter
    /// writes them.
    private let leadingLabels: [(String, String)]
    private let port: String
    private let routes = Mutex<[RouteKey: HTTPRouteSeries]>([:])

    /// - Parameters:
    ///   - socketAddress: `host:port` of the server, the `http_host` label.
    ///   - port: the server's port, the `net_host_port` label.
    init(key: Key, registry: PrometheusCollectorRegistry, socketAddress: String, port: String) {
        self.registry = registry
        self.port = port
        leadingLabels = [
            ("http_flavor", "1.1"), ("http_host", socketAddress), ("http_method", key.method),
            ("http_scheme", "http"), ("http_server_name", key.serverName),
        ]
        active = registry.makeGauge(descriptor: MetricNames.httpActive, labels: leadingLabels)
    }

    /// The histograms of requests answered `statusCode` by the route `target`.
    func route(statusCode: Int, target: String?) -> HTTPRouteSeries {
        let key = RouteKey(statusCode: statusCode, target: target)
        return routes.withLock { cache in
            if let series = cache[key] { return series }
            let series = HTTPRouteSeries(registry: registry, labels: labels(for: key))
            cache[key] = series
            return series
        }
    }

    /// The original's full label set of a histogram series.
    private func labels(for key: RouteKey) -> [(String, String)] {
        var labels = leadingLabels
        labels.append(("http_status_code", String(key.statusCode)))
        if let target = key.target { labels.append(("http_target", target)) }
        labels.append(("net_host_port", port))
        return labels
    }
}
