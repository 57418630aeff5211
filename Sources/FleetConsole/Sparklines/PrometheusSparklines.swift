import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// Fetches the grid's sparklines from the fleet's Prometheus (`query_range` over the last 15
/// minutes, a point every 30 s) with async-http-client, and keeps them 15 s: a room of open
/// consoles costs Prometheus two queries per 15 s, not two per browser.
final class PrometheusSparklines: Sendable {
    static let window: Int64 = 15 * 60
    static let step: Int64 = 30
    static let freshness: Duration = .seconds(15)

    let baseURL: String
    private let cache = Mutex<(at: ContinuousClock.Instant, series: [SparklineSeries])?>(nil)

    /// Sparklines from the Prometheus at `host:port`.
    init(host: String, port: Int) {
        baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The series, from the cache when it is fresh.
    func series() async throws -> [SparklineSeries] {
        if let cached = cache.withLock({ $0 }), ContinuousClock.now - cached.at < Self.freshness { return cached.series }
        let end = Int64(Date().timeIntervalSince1970) / Self.step * Self.step
        let start = end - Self.window
        async let rate = query(SparklineSeries.rateQuery, start: start, end: end)
        async let errors = query(SparklineSeries.errorQuery, start: start, end: end)
        let steps = stride(from: start, through: end, by: Int(Self.step)).map(Double.init)
        let series = SparklineSeries.join(rate: try await rate, errors: try await errors, steps: steps)
        cache.withLock { $0 = (.now, series) }
        return series
    }

    private func query(_ promql: String, start: Int64, end: Int64) async throws -> [String: [Double: Double]] {
        var components = URLComponents(string: baseURL + "/api/v1/query_range")!
        components.queryItems = [
            URLQueryItem(name: "query", value: promql), URLQueryItem(name: "start", value: String(start)),
            URLQueryItem(name: "end", value: String(end)), URLQueryItem(name: "step", value: String(Self.step)),
        ]
        // `+` is a space in a query string; PromQL's `+` must travel encoded.
        let url = components.url!.absoluteString.replacingOccurrences(of: "+", with: "%2B")
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok else { throw ConsoleError(.badGateway, "Prometheus answered \(response.status.code)") }
        return try SparklineSeries.matrix(fromPrometheusJSON: Data(body.readableBytesView))
    }
}
