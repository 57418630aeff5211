import FleetModel
/// A student's approximate start time, parsed (internal).
enum AnswerStart: Equatable, Sendable {
    /// A full ISO-8601 instant, as milliseconds since the epoch.
    case instant(Int64)
    /// A UTC time of day, as milliseconds since midnight, to be placed near the journal.
    case timeOfDay(Int64)

    /// Parses ISO-8601 (see ``ISOTimestamp/parse(_:)``) or `H:MM`, `HH:MM`, `HH:MM:SS[.fff]`,
    /// optionally followed by `Z` or `UTC`; `nil` for anything else.
    init?(_ text: String) {
        var trimmed = String(text.trimmingASCIIWhitespace())
        if let ms = ISOTimestamp.epochMilliseconds(parsing: trimmed) {
            self = .instant(ms)
            return
        }
        for suffix in [" utc", "utc", "z"] where trimmed.lowercased().hasSuffix(suffix) {
            trimmed = String(trimmed.dropLast(suffix.count))
            break
        }
        var scanner = DigitScanner(trimmed)
        guard let ms = scanner.timeOfDay(), scanner.isAtEnd else { return nil }
        self = .timeOfDay(ms)
    }

    /// The instant this start stands for. A time of day is placed within 12 hours of
    /// `anchorMs` (the journal's first timestamp): on the journal's day, or the day before or
    /// after when the run crosses midnight. `nil` when a time of day has no anchor.
    func resolved(anchorMs: Int64?) -> Int64? {
        switch self {
        case .instant(let ms):
            return ms
        case .timeOfDay(let msOfDay):
            guard let anchorMs else { return nil }
            let day: Int64 = 86_400_000
            var candidate = ISOTimestamp.floorDiv(anchorMs, day) * day + msOfDay
            if candidate < anchorMs - day / 2 { candidate += day }
            if candidate >= anchorMs + day / 2 { candidate -= day }
            return candidate
        }
    }
}
