import Foundation

extension Date {
    /// ISO-8601 UTC with milliseconds (`2026-11-25T10:42:07.123Z`), the time format of every
    /// event and journal line.
    public var iso8601Milliseconds: String {
        // The style truncates to the millisecond, and a `Date` is a binary `Double` (…7.123 is
        // stored as …7.12299999…): round to the nearest millisecond, then step a tenth of one
        // past it so the truncation lands on it.
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        return Date(timeIntervalSince1970: (milliseconds + 0.1) / 1000).formatted(Self.iso8601MillisecondStyle)
    }

    private static let iso8601MillisecondStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
