/// Lets a periodic tick send something once per interval: the supervisor's heartbeats, an
/// instance's heartbeats, the traffic order that is repeated for late subscribers.
///
/// A tick may come a hair early (poll timeouts are rounded to milliseconds); a tenth of an
/// interval early still counts as on time, so such a tick does not push the message a whole
/// tick late.
public struct IntervalPacer: Sendable, Equatable {
    /// How often the message goes out.
    public let interval: Duration
    private var lastSent: ContinuousClock.Instant?

    /// A pacer whose first ``take(at:)`` is due at once.
    public init(interval: Duration) {
        self.interval = interval
    }

    /// Whether the message is due at `now`; when it is, it counts as sent at `now`.
    public mutating func take(at now: ContinuousClock.Instant) -> Bool {
        if let lastSent, now - lastSent < interval * 0.9 { return false }
        lastSent = now
        return true
    }
}
