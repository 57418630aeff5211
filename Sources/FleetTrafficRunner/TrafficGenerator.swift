import FleetModel
import FleetTraffic
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// `fleet traffic run`: sends the fleet's background traffic until shutdown.
///
/// Every `tick`, on the sender's one event loop, ``TrafficTicker`` asks ``TrafficSchedule``
/// which requests are due at the rates of the ``TrafficPlan`` and hands them to the sender. With a link it follows the
/// supervisor's latest ``TrafficOrder`` (seed, knobs, phase of the day) and sends nothing
/// before the first one; without, it runs the configured traffic on its own clock.
/// It ends (with an error) when its supervisor is gone: a new parent, or no order for
/// `orderTimeout`.
public struct TrafficGenerator: Service {
    /// What `fleet traffic run` was given.
    public struct Options: Sendable {
        public var config: FleetConfig
        /// The supervisor's traffic link; nil runs stand-alone.
        public var link: ControlEndpointAddress?
        public var supervisorPID: Int32?
        /// Stand-alone only: the seed (the link's orders carry the supervisor's).
        public var seed: UInt64

        public init(config: FleetConfig, link: ControlEndpointAddress?, supervisorPID: Int32?, seed: UInt64) {
            self.config = config
            self.link = link
            self.supervisorPID = supervisorPID
            self.seed = seed
        }
    }

    /// Why the generator stopped on its own.
    public struct SupervisorGone: Error, CustomStringConvertible {
        public var description: String
    }

    let options: Options
    let metrics: TrafficMetrics
    let logger: Logger

    static let tick: Duration = .milliseconds(50)
    /// Orders come every second: five missed ones mean the supervisor is gone.
    static let orderTimeout: Duration = .seconds(5)
    /// How long to wait for the first order before giving up.
    static let firstOrderTimeout: Duration = .seconds(15)

    public init(options: Options, metrics: TrafficMetrics, logger: Logger) {
        self.options = options
        self.metrics = metrics
        self.logger = logger
    }

    /// The base URL of every instance, in order: loopback only (the configuration insists).
    static func baseURLs(_ config: FleetConfig) -> [String] {
        let host = config.fleet.host.contains(":") ? "[\(config.fleet.host)]" : config.fleet.host
        return (1...config.fleet.instances).map { "http://\(host):\(config.port(ordinal: $0))" }
    }

    public func run() async throws {
        let config = options.config
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let sender = TrafficSender(group: group, baseURLs: Self.baseURLs(config), metrics: metrics)
        let follower = try options.link.map { try TrafficFollower(endpoint: $0, logger: logger) }
        defer { follower?.close() }
        let server = TrafficMetricsServer.makeApplication(
            metrics: metrics, host: config.fleet.host, port: config.traffic.metricsPort, group: group, logger: logger)
        var failure: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await server.run() }
                tasks.addTask { try await cancelWhenGracefulShutdown { try await self.send(with: sender, following: follower) } }
                // Either ending ends both: a dead metrics port is as fatal as a lost supervisor.
                defer { tasks.cancelAll() }
                try await tasks.next()
            }
        } catch is CancellationError {
        } catch {
            failure = error
        }
        // Whatever ended the run: the client and the event loop are shut down before leaving.
        await sender.shutdown()
        try? await group.shutdownGracefully()
        if let failure { throw failure }
    }

    /// Ticks on the sender's event loop (requests leave from their own loop, without a thread
    /// hop) until cancelled; throws when the supervisor is gone.
    private func send(with sender: TrafficSender, following follower: TrafficFollower?) async throws {
        let ticker = TrafficTicker(options: options, follower: follower, sender: sender, metrics: metrics, logger: logger)
        let (losses, lossContinuation) = AsyncStream.makeStream(of: SupervisorGone.self, bufferingPolicy: .bufferingNewest(1))
        let tick = TimeAmount.nanoseconds(Int64(Self.tick.components.attoseconds / 1_000_000_000))
        let repeated = sender.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            if let loss = ticker.tick(at: .now) { lossContinuation.yield(loss) }
        }
        defer { repeated.cancel() }
        // Ends on cancellation (the stream's iteration returns), or with the first loss.
        for await loss in losses { throw loss }
    }
}
