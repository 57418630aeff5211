/// Failed authentications per source, and who is shut out for the rest of the minute.
///
/// A source (a client address) that fails ``limit`` times within one minute gets 429 until that
/// minute ends; the minute starts at its first failure. A value: the caller supplies the clock,
/// so the rule is tested without waiting.
public struct AuthenticationThrottle: Sendable {
    /// Failures of one source in its current window.
    struct Window: Sendable {
        var start: ContinuousClock.Instant
        var failures: Int
    }

    /// Failures allowed per window before the source is refused.
    public let limit: Int
    /// Length of a window.
    public let window: Duration
    /// Most sources remembered at once: beyond it, expired windows are dropped and then the
    /// oldest, so a flood of addresses cannot grow the table without bound.
    public let capacity: Int
    private var windows: [String: Window] = [:]

    /// A throttle of `limit` failures per `window` (the rule: 10 a minute).
    public init(limit: Int = 10, window: Duration = .seconds(60), capacity: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    /// Whether `source` is shut out at `now`.
    public func isBlocked(_ source: String, at now: ContinuousClock.Instant) -> Bool {
        guard let current = windows[source], now < current.start + window else { return false }
        return current.failures >= limit
    }

    /// How long `source` stays shut out from `now` (zero when it is not).
    public func remainingBlock(of source: String, at now: ContinuousClock.Instant) -> Duration {
        guard isBlocked(source, at: now), let current = windows[source] else { return .zero }
        return current.start + window - now
    }

    /// Counts a failed authentication of `source` at `now`.
    public mutating func recordFailure(of source: String, at now: ContinuousClock.Instant) {
        if var current = windows[source], now < current.start + window {
            current.failures += 1
            windows[source] = current
            return
        }
        if windows.count >= capacity { evict(at: now) }
        windows[source] = Window(start: now, failures: 1)
    }

    /// Number of sources remembered (for tests of the bound).
    public var trackedSources: Int { windows.count }

    private mutating func evict(at now: ContinuousClock.Instant) {
        windows = windows.filter { now < $0.value.start + window }
        while windows.count >= capacity, let oldest = windows.min(by: { $0.value.start < $1.value.start }) {
            windows[oldest.key] = nil
        }
    }
}
