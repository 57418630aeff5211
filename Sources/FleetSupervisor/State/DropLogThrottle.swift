/// At most `limit` log lines a second for dropped messages: a flood of garbage on the instance
/// endpoint must not become a flood of log lines. The rest are counted and summed up once a
/// second.
struct DropLogThrottle: Sendable {
    let limit: Int
    private var windowStart: ContinuousClock.Instant?
    private var logged = 0
    private var suppressed = 0

    init(limit: Int = 20) {
        self.limit = limit
    }

    /// What to log for one more dropped message at `now`.
    struct Admission: Equatable {
        /// Log this message.
        var logThis: Bool
        /// Messages dropped silently in the window that just ended, to report first.
        var suppressedBefore: Int
    }

    mutating func admit(at now: ContinuousClock.Instant) -> Admission {
        var summary = 0
        if windowStart.map({ now - $0 >= .seconds(1) }) ?? true {
            summary = suppressed
            windowStart = now
            logged = 0
            suppressed = 0
        }
        logged += 1
        if logged > limit { suppressed += 1 }
        return Admission(logThis: logged <= limit, suppressedBefore: summary)
    }
}
