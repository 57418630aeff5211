import FleetModel
import FleetTraffic

/// The supervisor's authority over the background traffic, as a value: the plan (seed,
/// weights, knobs), when the simulated day began, and the generator process's lifecycle.
/// The actor asks it what to do and carries that out; tests drive it with a simulated clock.
public struct TrafficControl: Sendable {
    public private(set) var plan: TrafficPlan
    /// When the simulated day began: the generator's curve is anchored here, so a restarted
    /// generator and `fleet traffic status` agree on the phase.
    public let dayOrigin: ContinuousClock.Instant
    let policy: SupervisionPolicy
    let labels: [(id: String, zone: String, version: String)]
    /// The generator process, from spawn until reaped.
    public private(set) var pid: Int32?
    var spawnedAt: ContinuousClock.Instant?
    var consecutiveFailures = 0
    /// When a restart is due, while the generator is down.
    public private(set) var restartAt: ContinuousClock.Instant?
    /// True once the generator died `max_restarts` times in a row: it stays down.
    public private(set) var givenUp = false

    public init(config: FleetConfig, seed: UInt64, at now: ContinuousClock.Instant) {
        plan = TrafficPlan(config: config, seed: seed)
        dayOrigin = now
        policy = SupervisionPolicy(config.supervisor)
        labels = config.instanceIDs.enumerated().map { index, id in
            (id, config.zone(ordinal: index + 1), config.version(ordinal: index + 1))
        }
    }

    // MARK: Commands

    /// What a change did: the status to reply with, and the event to publish (none when
    /// nothing changed, e.g. pausing a paused generator).
    public struct Applied: Sendable {
        public var event: FleetEvent.Happening?
    }

    /// Applies a `traffic_set`, `traffic_pause` or `traffic_resume`; a refused change leaves
    /// everything as it was.
    public mutating func apply(_ adjustment: TrafficAdjustment) -> Result<Applied, TrafficAdjustment.Refusal> {
        switch plan.parameters.adjusted(adjustment) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let next):
            let previous = plan.parameters
            guard next != previous else { return .success(Applied(event: nil)) }
            plan.update(next)
            if next.paused != previous.paused {
                return .success(Applied(event: next.paused ? .trafficPaused(next) : .trafficResumed(next)))
            }
            return .success(Applied(event: .trafficChanged(next)))
        }
    }

    /// What the generator must do now.
    public func order(at now: ContinuousClock.Instant) -> TrafficOrder {
        TrafficOrder(seed: plan.seed, elapsedMs: (now - dayOrigin).wholeMilliseconds, parameters: plan.parameters)
    }

    /// `fleet traffic status` at `now`.
    public func status(at now: ContinuousClock.Instant) -> TrafficStatus {
        let elapsed = now - dayOrigin
        let rates = plan.rates(elapsed: elapsed)
        let count = Double(max(1, plan.instances))
        let shares = zip(labels, zip(plan.weights, rates)).map { label, weightAndRate in
            TrafficShare(
                id: label.id, zone: label.zone, version: label.version, weight: weightAndRate.0,
                share: weightAndRate.0 / count, rate: weightAndRate.1)
        }
        return TrafficStatus(
            seed: plan.seed, parameters: plan.parameters, periodMs: plan.period.wholeMilliseconds,
            phase: plan.curve.phase(elapsed: elapsed), timeOfDay: plan.curve.timeOfDay(elapsed: elapsed),
            targetRate: rates.reduce(0, +), generator: generatorState, instances: shares)
    }

    /// `running`, `down` (a restart is due) or `given up`.
    var generatorState: String {
        if pid != nil { return "running" }
        return givenUp ? "given up" : "down"
    }

    // MARK: The generator process

    public mutating func spawned(pid: Int32, at now: ContinuousClock.Instant) {
        self.pid = pid
        spawnedAt = now
        restartAt = nil
    }

    /// The generator ended; returns the delay before its restart, or nil when it stays down.
    public mutating func died(at now: ContinuousClock.Instant) -> Duration? {
        if let spawnedAt, now - spawnedAt >= policy.stablePeriod { consecutiveFailures = 0 }
        pid = nil
        spawnedAt = nil
        consecutiveFailures += 1
        guard consecutiveFailures <= policy.maxRestarts else {
            givenUp = true
            return nil
        }
        let delay = policy.backoff(afterFailures: consecutiveFailures)
        restartAt = now + delay
        return delay
    }

    /// The spawn failed: retried like a death.
    public mutating func spawnFailed(at now: ContinuousClock.Instant) -> Duration? {
        died(at: now)
    }

    /// Whether a restart is due at `now`.
    public func restartDue(at now: ContinuousClock.Instant) -> Bool {
        guard pid == nil, let restartAt else { return false }
        return now >= restartAt
    }
}
