/// Millisecond views of `Duration`, for every module above ZeroMQ (which has its own rounding-up
/// view for poll timeouts, where a short wait must never become a busy spin).
///
/// Integer milliseconds are exact, print without rounding surprises, and survive a JSON round
/// trip unchanged, unlike `Duration`'s attoseconds: the chaos planner and the wire use them.
extension Duration {
    /// This duration in whole milliseconds, truncated toward zero and saturated to `Int64`.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = millis.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }

    /// This duration in milliseconds with their fraction, for measurements (latencies).
    public var fractionalMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
