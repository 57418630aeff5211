import Synchronization

/// The original `do_something` limiter: a fixed window of `limit` calls that restarts on the
/// first call at least `window` after the window's start.
public final class FixedWindowRateLimiter: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant?
        var used = 0
    }

    private let limit: Int
    private let window: Duration
    private let state = Mutex(Window())

    public init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Counts one call at `now`; true when it is allowed.
    public func acquire(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { window in
            if let start = window.start, now - start < self.window {
                guard window.used < limit else { return false }
                window.used += 1
                return true
            }
            window.start = now
            window.used = 1
            return limit > 0
        }
    }
}
