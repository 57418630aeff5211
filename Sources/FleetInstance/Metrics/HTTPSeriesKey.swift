import Prometheus

/// The label values that identify one series of the HTTP server histograms.
struct HTTPSeriesKey: Hashable, Sendable {
    var method: String
    var serverName: String
    var statusCode: Int
    /// The route template; `nil` for requests that matched no route (they carry no `http_target`).
    var target: String?
}

/// The label values of one `http_server_active_requests` series.
struct ActiveRequestsKey: Hashable, Sendable {
    var method: String
    var serverName: String
}
