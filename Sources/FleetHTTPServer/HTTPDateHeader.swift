import Foundation
import Synchronization

/// The value of the `Date` response header (RFC 9110 IMF-fixdate), formatted at most once per
/// second and only when a response asks for it.
///
/// Hummingbird's own cache refreshes the string from a 1 Hz task whether or not a request
/// arrives; in a fleet of 200 mostly idle instances those wake-ups were the largest share of the
/// fleet's idle CPU. Here the first response of a new second formats the date; an idle process
/// does nothing.
public final class HTTPDateHeader: Sendable {
    private struct Cached {
        var second: Int
        var text: String
    }

    private static let style = Date.VerbatimFormatStyle(
        format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
            """,
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))

    private let cached = Mutex(Cached(second: Int.min, text: ""))

    /// A header whose first read formats the current date.
    public init() {}

    /// The header value for `now`: the cached string while `now` is in the second it was made
    /// for, a freshly formatted one otherwise.
    public func value(at now: Date = Date()) -> String {
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        return cached.withLock { cached in
            if cached.second != second {
                cached = Cached(second: second, text: Self.format(Date(timeIntervalSince1970: Double(second))))
            }
            return cached.text
        }
    }

    /// `date` as an IMF-fixdate, e.g. `Thu, 01 Jan 1970 00:00:00 GMT`.
    public static func format(_ date: Date) -> String {
        date.formatted(style)
    }
}
