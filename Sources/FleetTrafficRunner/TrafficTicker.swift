import FleetModel
import FleetTraffic
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One tick of the generator: read the latest order, ask the schedule which requests are due,
/// hand them to the sender. Runs only on the sender's event loop, which confines its state.
final class TrafficTicker: @unchecked Sendable {
    private let options: TrafficGenerator.Options
    private let follower: TrafficFollower?
    private let sender: TrafficSender
    private let metrics: TrafficMetrics
    private let logger: Logger
    private let start = ContinuousClock.now
    private var last = ContinuousClock.now
    private var plan: TrafficPlan?
    private var schedule: TrafficSchedule?

    init(
        options: TrafficGenerator.Options, follower: TrafficFollower?, sender: TrafficSender, metrics: TrafficMetrics,
        logger: Logger
    ) {
        self.options = options
        self.follower = follower
        self.sender = sender
        self.metrics = metrics
        self.logger = logger
    }

    /// Sends what is due at `now`; returns why the supervisor counts as gone, if it does.
    func tick(at now: ContinuousClock.Instant) -> TrafficGenerator.SupervisorGone? {
        let interval = now - last
        last = now
        if let supervisorPID = options.supervisorPID, getppid() != supervisorPID {
            return .init(description: "parent process \(supervisorPID) exited")
        }
        let config = options.config
        let seed: UInt64, parameters: TrafficParameters, elapsed: Duration
        if let follower {
            guard let heard = follower.heard else {
                if now - start > TrafficGenerator.firstOrderTimeout {
                    return .init(description: "no order on the traffic link for \(TrafficGenerator.firstOrderTimeout)")
                }
                return nil
            }
            guard now - heard.at < TrafficGenerator.orderTimeout else {
                return .init(description: "no order on the traffic link for \(TrafficGenerator.orderTimeout)")
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
        guard let current = plan else { return nil }
        let rates = current.rates(elapsed: elapsed)
        metrics.setTarget(rate: rates.reduce(0, +), paused: parameters.paused)
        for request in schedule?.advance(by: interval, rates: rates) ?? [] {
            sender.send(request)
        }
        return nil
    }
}
