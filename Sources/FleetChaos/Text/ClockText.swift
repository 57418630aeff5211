/// Locale-free formatting of times and durations.
///
/// Everything here is integer arithmetic and zero padding — no `DateFormatter`, no
/// `String(format:)` — so the rendered plan, reveal and grade texts are byte-identical on every
/// machine, which the golden-file tests rely on.
public enum ClockText {
    /// `HH:MM:SS.mmm` for a non-negative count of milliseconds; hours grow past two digits when
    /// needed (`100:00:00.000`). Negative values get a leading `-`.
    public static func clock(milliseconds: Int64) -> String {
        if milliseconds < 0 { return "-" + clock(milliseconds: milliseconds == .min ? .max : -milliseconds) }
        let millis = milliseconds % 1000
        let totalSeconds = milliseconds / 1000
        let seconds = totalSeconds % 60
        let minutes = (totalSeconds / 60) % 60
        let hours = totalSeconds / 3600
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))"
    }

    /// `HH:MM:SS.mmm` of a duration, truncated to milliseconds.
    public static func clock(_ duration: Duration) -> String {
        clock(milliseconds: duration.wholeMilliseconds)
    }

    /// A plan offset: `+HH:MM:SS.mmm`.
    public static func offset(_ duration: Duration) -> String {
        "+" + clock(duration)
    }

    /// A short, signed human duration for error columns: `+23s`, `-4m05s`, `1h02m03s`.
    ///
    /// Whole seconds, rounded half away from zero; used where a reader compares magnitudes.
    public static func compact(_ duration: Duration, signed: Bool = false) -> String {
        let millis = duration.wholeMilliseconds
        let negative = millis < 0
        let magnitude = negative ? (millis == .min ? Int64.max : -millis) : millis
        let seconds = (magnitude + 500) / 1000
        let body: String
        if seconds < 60 {
            body = "\(seconds)s"
        } else if seconds < 3600 {
            body = "\(seconds / 60)m\(pad(seconds % 60, 2))s"
        } else {
            body = "\(seconds / 3600)h\(pad((seconds / 60) % 60, 2))m\(pad(seconds % 60, 2))s"
        }
        if negative && seconds > 0 { return "-" + body }
        return signed ? "+" + body : body
    }

    /// Zero-pads `value` (non-negative) to at least `width` digits.
    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
