/// Whole-millisecond views of `Duration`.
///
/// The planner does all its arithmetic in integer milliseconds: they are exact, print without
/// rounding surprises, and survive a JSON round trip unchanged, unlike `Duration`'s attoseconds.
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
}
