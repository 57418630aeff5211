import FleetModel

/// Everything the supervisor knows and decides about its instances, with no I/O.
///
/// The supervisor actor feeds it what happened (a spawn, a message, a death, the passing of
/// time) and carries out what it returns (kill this pid, spawn that id, publish this event).
/// Every rule of supervision lives here, so each one is tested without a process.
public struct FleetState: Sendable {
    public let policy: SupervisionPolicy
    /// Instance ids in fleet order.
    public let order: [String]
    public private(set) var instances: [String: ManagedInstance]
    /// True once the fleet is stopping: deaths are then final and nothing is respawned.
    public private(set) var shuttingDown = false
    /// Registrations whose spawn was not recorded yet (the spawn's result and the instance's
    /// first message race): the claimed pid, checked once the spawn is recorded.
    private var earlyRegistrations: [String: Int32] = [:]

    public init(config: FleetConfig, policy: SupervisionPolicy? = nil) {
        self.policy = policy ?? SupervisionPolicy(config.supervisor)
        order = config.instanceIDs
        var instances: [String: ManagedInstance] = [:]
        for (index, id) in order.enumerated() {
            instances[id] = ManagedInstance(
                id: id, host: config.fleet.host, port: config.port(ordinal: index + 1),
                liveness: LivenessClock(interval: self.policy.heartbeatInterval, misses: self.policy.heartbeatMisses))
        }
        self.instances = instances
    }

    /// The rows of `fleet status`, in order.
    public var statuses: [InstanceStatus] { order.compactMap { instances[$0]?.status } }

    /// Live processes, for reaping.
    public var livePIDs: [(id: String, pid: Int32)] {
        order.compactMap { id in instances[id]?.pid.map { (id, $0) } }
    }

    /// Instances that registered since their last spawn: they get heartbeats and commands.
    public var registeredIDs: [String] { order.filter { instances[$0]?.registered == true } }

    // MARK: Processes

    /// Records a spawn. Returns true when the new process had already registered (see
    /// `earlyRegistrations`): it is then up.
    @discardableResult
    public mutating func spawned(_ id: String, pid: Int32, at now: ContinuousClock.Instant) -> Bool {
        guard var instance = instances[id] else { return false }
        instance.pid = pid
        // `scenario` stays as `died` left it: nil, or a crash loop that resumes in the new process.
        instance.state = .starting
        instance.registered = false
        instance.spawnedAt = now
        instance.liveness = LivenessClock(interval: policy.heartbeatInterval, misses: policy.heartbeatMisses)
        instance.killed = false
        instance.restartAt = nil
        instances[id] = instance
        guard let claimed = earlyRegistrations.removeValue(forKey: id), claimed == pid else { return false }
        return register(id, pid: pid, at: now) == .accepted
    }

    /// A spawn that failed: try again after the longest backoff.
    public mutating func spawnFailed(_ id: String, at now: ContinuousClock.Instant) {
        instances[id]?.restartAt = now + policy.restartBackoffMax
    }

    /// Counts a restart once its spawn succeeded; returns the instance's restart count.
    public mutating func countRestart(_ id: String) -> Int {
        instances[id]?.restarts += 1
        return instances[id]?.restarts ?? 0
    }

    /// What became of an instance whose process ended.
    public struct Death: Sendable, Equatable {
        /// The scenario that ran when it died (it ended with the process).
        /// Nil for a crash loop's own exit: scenario7 stays on through the restart.
        public var lostScenario: ScenarioAlias?
        public var next: Next

        public enum Next: Sendable, Equatable {
            /// Respawned after `delay`.
            case restart(after: Duration)
            /// Too many failures in a row: it stays down.
            case givenUp(failures: Int)
            /// The fleet is stopping.
            case stays
        }
    }

    /// Records the end of `id`'s process and decides what follows.
    /// - Parameter exitStatus: the status of a plain exit, nil when a signal ended it: the crash
    ///   loop's own exits do not count toward `max_restarts` (see `RestartAccounting`).
    public mutating func died(_ id: String, exitStatus: Int32? = nil, at now: ContinuousClock.Instant) -> Death? {
        guard var instance = instances[id], instance.pid != nil else { return nil }
        let lost = instance.scenario
        instance.pid = nil
        instance.registered = false
        instance.scenario = nil
        defer { instances[id] = instance }
        guard !shuttingDown else {
            instance.state = .down
            return Death(lostScenario: lost, next: .stays)
        }
        guard RestartAccounting.countsTowardMaxRestarts(lastScenario: lost, exitStatus: exitStatus) else {
            // The crash loop's own exit: a restart like any other, but not a failure, and the
            // scenario stays on (the restarted process resumes it), so `fleet status` shows it.
            instance.scenario = lost
            instance.state = .starting
            instance.restartAt = now + policy.restartBackoff
            return Death(lostScenario: nil, next: .restart(after: policy.restartBackoff))
        }
        instance.consecutiveFailures += 1
        guard instance.consecutiveFailures <= policy.maxRestarts else {
            instance.state = .down
            return Death(lostScenario: lost, next: .givenUp(failures: instance.consecutiveFailures))
        }
        let delay = policy.backoff(afterFailures: instance.consecutiveFailures)
        instance.state = .starting
        instance.restartAt = now + delay
        return Death(lostScenario: lost, next: .restart(after: delay))
    }

    // MARK: Messages

    /// How a registration was taken.
    public enum Registration: Sendable, Equatable {
        case accepted
        /// The spawn is not recorded yet: kept until it is.
        case deferred
        /// Not the process the supervisor spawned under this id.
        case refused
    }

    /// An instance says it is up. Only the process spawned under `id` may register: a stray
    /// peer that took a restarting instance's routing id must not pass for it.
    public mutating func register(_ id: String, pid: Int32, at now: ContinuousClock.Instant) -> Registration {
        guard var instance = instances[id] else { return .refused }
        guard pid == instance.pid else {
            // A spawn in flight may be overtaken by its own registration; an instance that is
            // down for good has no spawn coming.
            if instance.pid == nil, instance.state == .starting, !shuttingDown {
                earlyRegistrations[id] = pid
                return .deferred
            }
            return .refused
        }
        instance.registered = true
        instance.state = .up
        instance.liveness.heard(at: now)
        instances[id] = instance
        return .accepted
    }

    /// What a message from an instance changed.
    public enum Hearing: Sendable, Equatable {
        /// Not from a registered instance: dropped.
        case dropped
        case unchanged
        /// Its scenario changed (started, stopped or replaced).
        case changed(previous: ScenarioAlias?, current: ScenarioAlias?)
    }

    /// A registered instance was heard from, reporting `scenario` as running.
    public mutating func heard(_ id: String, scenario: ScenarioAlias?, at now: ContinuousClock.Instant) -> Hearing {
        guard var instance = instances[id], instance.registered else { return .dropped }
        let previous = instance.scenario
        instance.liveness.heard(at: now)
        instance.scenario = scenario
        instances[id] = instance
        return previous == scenario ? .unchanged : .changed(previous: previous, current: scenario)
    }

    /// A stop asked for while `id` restarts in a crash loop: there is no process to tell yet,
    /// so it is kept and sent once the new process registers. Returns whether it was kept.
    public mutating func deferStop(_ id: String) -> Bool {
        guard var instance = instances[id], !instance.registered, instance.state == .starting,
              instance.scenario == .scenario7
        else { return false }
        instance.pendingStop = true
        instances[id] = instance
        return true
    }

    /// Whether a deferred stop waits for `id` (it is then no longer kept).
    public mutating func takePendingStop(_ id: String) -> Bool {
        guard instances[id]?.pendingStop == true else { return false }
        instances[id]?.pendingStop = false
        return true
    }

    /// True when `id` is a registered instance (messages from others are dropped).
    public func isRegistered(_ id: String) -> Bool { instances[id]?.registered == true }

    // MARK: Time

    /// What the passing of time asks the supervisor to do.
    public enum Action: Sendable, Equatable {
        /// Silent too long: kill it (it is then reaped and restarted like any death).
        case kill(id: String, pid: Int32)
        /// A restart came due.
        case respawn(id: String)
    }

    /// Advances the clock to `now`: finds hung instances and due restarts, and forgives the
    /// failures of instances that stayed up for the stable period.
    public mutating func supervise(at now: ContinuousClock.Instant) -> [Action] {
        var actions: [Action] = []
        for id in order {
            guard var instance = instances[id] else { continue }
            if let pid = instance.pid {
                // Registered: lost after missed heartbeats (see `LivenessClock`). Not yet: the
                // ready timeout, since spawning a large fleet on two cores takes a while.
                let hung = instance.registered
                    ? instance.liveness.isLost(at: now)
                    : instance.spawnedAt.map { now - $0 > policy.registrationDeadline } ?? false
                if hung, !instance.killed {
                    actions.append(.kill(id: id, pid: pid))
                    instance.killed = true
                }
                if instance.state == .up, instance.consecutiveFailures > 0,
                   let spawned = instance.spawnedAt, now - spawned > policy.stablePeriod {
                    instance.consecutiveFailures = 0
                }
            } else if !shuttingDown, let due = instance.restartAt, due <= now {
                instance.restartAt = nil
                actions.append(.respawn(id: id))
            }
            instances[id] = instance
        }
        return actions
    }

    /// The fleet is stopping: no more restarts; registrations of new processes are refused.
    public mutating func beginShutdown() {
        shuttingDown = true
        earlyRegistrations.removeAll()
        for id in order where instances[id]?.pid == nil {
            instances[id]?.state = .down
            instances[id]?.restartAt = nil
        }
    }

    // MARK: Selection

    /// Why a selection addresses nothing usable.
    public struct SelectionError: Error, Equatable {
        public var code: String
        public var message: String
    }

    /// The instances a command addresses, in fleet order for `--all`, as given (without
    /// repeats) for ids, and for `--random k` k instances drawn with `generator`, those up and
    /// idle first so a random start rarely meets a conflict.
    public func select(
        _ selection: InstanceSelection, using generator: inout some RandomNumberGenerator
    ) -> Result<[String], SelectionError> {
        switch selection {
        case .all:
            return .success(order)
        case .ids(let ids):
            guard !ids.isEmpty else { return .failure(SelectionError(code: "no_instances", message: "no instance given")) }
            let unknown = ids.filter { instances[$0] == nil }
            guard unknown.isEmpty else {
                return .failure(SelectionError(
                    code: "unknown_instance",
                    message: "unknown instance \(unknown.joined(separator: ", ")); this fleet has \(order.first ?? "")…\(order.last ?? "")"))
            }
            var seen = Set<String>()
            return .success(ids.filter { seen.insert($0).inserted })
        case .random(let count):
            guard count >= 1 else {
                return .failure(SelectionError(code: "bad_selection", message: "--random needs at least 1, got \(count)"))
            }
            let idle = order.filter { isIdle($0) }.shuffled(using: &generator)
            let others = order.filter { !isIdle($0) }.shuffled(using: &generator)
            return .success(Array((idle + others).prefix(count)))
        }
    }

    private func isIdle(_ id: String) -> Bool {
        instances[id]?.state == .up && instances[id]?.scenario == nil
    }

    // MARK: Chaos

    /// Whether chaos may start a scenario on an instance now.
    public enum ChaosEligibility: Sendable, Equatable {
        case eligible
        /// Not registered and up.
        case down
        /// Someone (a student) already runs a scenario there: chaos never fights them for it.
        case busy(ScenarioAlias)
    }

    /// What chaos may touch: only instances that are up and idle.
    public func chaosEligibility(of id: String) -> ChaosEligibility {
        guard let instance = instances[id], instance.registered, instance.state == .up else { return .down }
        if let running = instance.scenario { return .busy(running) }
        return .eligible
    }
}
