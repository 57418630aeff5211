import FleetModel
import Foundation

/// ISO-8601 UTC timestamps with milliseconds (`2025-05-01T10:42:07.123Z`).
///
/// Written with Foundation's format style (`Date.iso8601Milliseconds`). Read by hand, with
/// integer calendar arithmetic (Howard Hinnant's `days_from_civil`): students type answer
/// times as they like (a space for the `T`, no seconds, `+02`, no zone), a leniency
/// `Date.ISO8601FormatStyle`'s strict parser does not have.
public enum ISOTimestamp {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for `date`, rounded to the nearest millisecond.
    public static func format(_ date: Date) -> String {
        date.iso8601Milliseconds
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since 1970-01-01T00:00:00Z.
    public static func format(epochMilliseconds ms: Int64) -> String {
        date(epochMilliseconds: ms).iso8601Milliseconds
    }

    /// Parses an ISO-8601 date-time: `YYYY-MM-DD`, `T` or a space, `HH:MM`, optional `:SS`,
    /// optional fraction (any number of digits, truncated to milliseconds), and an optional
    /// zone `Z`, `±HH:MM`, `±HHMM` or `±HH` — no zone means UTC. Returns `nil` otherwise.
    public static func parse(_ text: String) -> Date? {
        epochMilliseconds(parsing: text).map(date(epochMilliseconds:))
    }

    /// Milliseconds since the epoch of a string accepted by ``parse(_:)``.
    static func epochMilliseconds(parsing text: String) -> Int64? {
        var scanner = DigitScanner(String(text.trimmingASCIIWhitespace()))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
              let timeOfDay = scanner.timeOfDay()
        else { return nil }
        var offsetMinutes: Int64 = 0
        if scanner.skip("Z") || scanner.skip("z") {
            // UTC
        } else if let sign: Int64 = scanner.skip("+") ? 1 : (scanner.skip("-") ? -1 : nil) {
            guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
            _ = scanner.skip(":")
            let minutes = scanner.number(digits: 2) ?? 0
            guard minutes <= 59 else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        guard scanner.isAtEnd else { return nil }
        let days = days(fromCivil: year, month, day)
        return days * 86_400_000 + timeOfDay - offsetMinutes * 60_000
    }

    /// Milliseconds since the epoch, rounded to the nearest: a `Date` is a binary `Double`,
    /// so `10:02:07.123` is stored as `…7.12299999…` and truncating would print `.122`.
    static func epochMilliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero))
    }

    /// The `Date` of a count of milliseconds since the epoch.
    static func date(epochMilliseconds ms: Int64) -> Date {
        Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, UTC)

    /// Days since 1970-01-01 of a civil date (Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
