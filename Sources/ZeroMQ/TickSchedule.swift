/// When ``ZMQEventLoop`` runs its `onTick`: the loop's only timer, kept as a value so the
/// decision is tested without a thread or a clock that moves.
///
/// The loop asks for ``deadline`` to bound its poll, reports what happened with
/// ``received(at:)`` and ``ticked(at:)``, and runs `onTick` once ``isDue(at:)``.
public struct TickSchedule: Sendable, Equatable {
    /// What moves the next tick.
    public enum Policy: Sendable, Equatable {
        /// Every interval, whatever arrives: for a loop whose tick does work on a clock
        /// (sending heartbeats, sweeping timeouts).
        case periodic
        /// Only once an interval has passed without a received message, then every interval
        /// while the silence lasts: a watchdog on a peer that is expected to talk. While the
        /// peer talks, its messages are the proof the check looks for, and the loop's thread
        /// sleeps until the next one instead of waking twice per interval.
        case afterSilence
    }

    /// The longest wait between two ticks while they are due (at least 1 ms: a zero interval
    /// would make every poll return at once, a busy loop).
    public let interval: Duration
    /// What moves the next tick.
    public let policy: Policy
    /// When the next tick is due.
    public private(set) var deadline: ContinuousClock.Instant

    /// A schedule whose first tick is due one interval after `start`.
    public init(interval: Duration, policy: Policy = .periodic, start: ContinuousClock.Instant) {
        self.interval = max(interval, .milliseconds(1))
        self.policy = policy
        self.deadline = start.advanced(by: self.interval)
    }

    /// Whether `onTick` should run at `now`.
    public func isDue(at now: ContinuousClock.Instant) -> Bool {
        now >= deadline
    }

    /// A wake-up took at least one message at `now`: a silence watchdog starts over.
    public mutating func received(at now: ContinuousClock.Instant) {
        guard policy == .afterSilence else { return }
        deadline = now.advanced(by: interval)
    }

    /// The tick that was due has run; `now` is when it finished. The next one keeps the fixed
    /// rate, except after a slow tick or a long stop: no burst of catch-up ticks.
    public mutating func ticked(at now: ContinuousClock.Instant) {
        deadline = deadline.advanced(by: interval)
        if deadline < now { deadline = now.advanced(by: interval) }
    }
}
