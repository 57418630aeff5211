import AsyncHTTPClient
import FleetTraffic
import NIOCore
import NIOHTTP1
import Synchronization

/// Sends the generator's requests over loopback with async-http-client (its connection pool
/// keeps a few keep-alive connections per instance) and counts their answers.
///
/// Bounded: at most `maxInFlight` requests wait for an answer; more are dropped and counted
/// rather than queued, so a hung instance cannot make the generator grow.
final class TrafficSender: Sendable {
    private let client: HTTPClient
    private let baseURLs: [String]
    private let metrics: TrafficMetrics
    private let inFlight = Atomic<Int>(0)
    /// The one loop of requests, connections and the sending tick: no request hops threads.
    let eventLoop: any EventLoop

    static let maxInFlight = 512
    static let requestTimeout: TimeAmount = .seconds(5)

    /// - Parameter baseURLs: `http://127.0.0.1:8081`, … one per instance, loopback only.
    init(group: any EventLoopGroup, baseURLs: [String], metrics: TrafficMetrics) {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(1), read: Self.requestTimeout),
            connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 2))
        configuration.httpVersion = .http1Only
        // No spans: a thousand no-op spans a second still cost about a twentieth of the generator's CPU.
        configuration.tracing.tracer = nil
        client = HTTPClient(eventLoopGroup: group, configuration: configuration)
        eventLoop = group.next()
        self.baseURLs = baseURLs
        self.metrics = metrics
    }

    func send(_ request: TrafficRequest) {
        guard inFlight.add(1, ordering: .relaxed).newValue <= Self.maxInFlight else {
            inFlight.subtract(1, ordering: .relaxed)
            metrics.countDropped()
            return
        }
        let instance = request.instance
        let metrics = self.metrics
        do {
            var outgoing = try HTTPClient.Request(
                url: baseURLs[instance] + request.path, method: request.method == .get ? .GET : .PUT)
            if let body = request.body {
                outgoing.headers.add(name: "content-type", value: "application/json")
                outgoing.body = .string(body)
            }
            client.execute(
                request: outgoing, delegate: StatusOnlyDelegate(), eventLoop: .delegate(on: eventLoop),
                deadline: .now() + Self.requestTimeout
            ).futureResult.whenComplete { [self] result in
                inFlight.subtract(1, ordering: .relaxed)
                switch result {
                case .success(let status): metrics.count(instance: instance, status: status)
                case .failure: metrics.count(instance: instance, status: nil)
                }
            }
        } catch {
            inFlight.subtract(1, ordering: .relaxed)
            metrics.count(instance: instance, status: nil)
        }
    }

    /// Ends every connection; waits for requests in flight (each bounded by its deadline).
    func shutdown() async {
        try? await client.shutdown()
    }
}
