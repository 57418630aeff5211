extension Duration {
    /// Whole milliseconds, rounded up so a short wait never turns into a busy spin, and
    /// clamped to 0 for negative durations (a deadline already passed).
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, seconds > 0 || attoseconds > 0 else { return 0 }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (milliseconds, remainder) = attoseconds.quotientAndRemainder(dividingBy: attosecondsPerMillisecond)
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int.max }
        return Int(clamping: whole + milliseconds + (remainder > 0 ? 1 : 0))
    }

    /// Whole nanoseconds, clamped to 0...Int.max, for Dispatch deadlines.
    var clampedNanoseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return Int.max }
        return Int(clamping: whole + attoseconds / 1_000_000_000)
    }
}
