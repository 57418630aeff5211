import FleetModel
import FleetTraffic
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// `fleet traffic run`: sends the fleet's background traffic until shutdown.
///
/// Every `tick` it asks ``TrafficSchedule`` which requests are due at the rates of the
/// ``TrafficPlan`` and hands them to the ``TrafficSender``. With a link it follows the
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

    static let tick: Duration = .milliseconds(20)
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

    /// The sending loop; returns on cancellation, throws when the supervisor is gone.
    private func send(with sender: TrafficSender, following follower: TrafficFollower?) async throws {
        let config = options.config
        let start = ContinuousClock.now
        var plan: TrafficPlan?
        var schedule: TrafficSchedule?
        var last = start
        while !Task.isCancelled {
            try await Task.sleep(for: Self.tick)
            let now = ContinuousClock.now
            defer { last = now }
            if let supervisorPID = options.supervisorPID, getppid() != supervisorPID {
                throw SupervisorGone(description: "parent process \(supervisorPID) exited")
            }
            let seed: UInt64, parameters: TrafficParameters, elapsed: Duration
            if let follower {
                guard let heard = follower.heard else {
                    if now - start > Self.firstOrderTimeout {
                        throw SupervisorGone(description: "no order on the traffic link for \(Self.firstOrderTimeout)")
                    }
                    continue
                }
                guard now - heard.at < Self.orderTimeout else {
                    throw SupervisorGone(description: "no order on the traffic link for \(Self.orderTimeout)")
                }
                (seed, parameters) = (heard.order.seed, heard.order.parameters)
                elapsed = .milliseconds(heard.order.elapsedMs) + (now - heard.at)
            } else {
                (seed, parameters, elapsed) = (options.seed, TrafficParameters(settings: config.traffic), now - start)
            }
            if plan?.seed != seed {
                plan = TrafficPlan(config: config, seed: seed)
                schedule = TrafficSchedule(seed: seed, instances: config.fleet.instances, mix: TrafficMix(config.traffic.mix))
                logger.info("sending background traffic", metadata: ["seed": "\(seed)", "instances": "\(config.fleet.instances)"])
            }
            plan?.update(parameters)
            guard let current = plan else { continue }
            let rates = current.rates(elapsed: elapsed)
            metrics.setTarget(rate: rates.reduce(0, +), paused: parameters.paused)
            for request in schedule?.advance(by: now - last, rates: rates) ?? [] {
                sender.send(request)
            }
        }
    }
}
