/// A tiny cursor over ASCII digits and separators, shared by the timestamp and answer parsers.
struct DigitScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { index == scalars.count }

    /// Consumes `literal` if it comes next.
    mutating func skip(_ literal: Character) -> Bool {
        guard index < scalars.count, Character(scalars[index]) == literal else { return false }
        index += 1
        return true
    }

    /// Exactly `digits` ASCII digits as a number.
    mutating func number(digits: Int) -> Int64? {
        guard index + digits <= scalars.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<digits {
            guard let digit = scalars[index + offset].asciiDigit else { return nil }
            value = value * 10 + digit
        }
        index += digits
        return value
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` as milliseconds since midnight.
    mutating func timeOfDay() -> Int64? {
        let start = index
        var hours: Int64? = number(digits: 2)
        if hours == nil { index = start; hours = number(digits: 1) }
        guard let hours, hours <= 23, skip(":"), let minutes = number(digits: 2), minutes <= 59 else { return nil }
        var millis: Int64 = 0
        if skip(":") {
            guard let seconds = number(digits: 2), seconds <= 60 else { return nil }
            millis = min(seconds, 59) * 1000  // a leap second is read as :59
            if skip(".") || skip(",") {
                var scale: Int64 = 100
                var sawDigit = false
                while index < scalars.count, let digit = scalars[index].asciiDigit {
                    millis += digit * scale
                    scale /= 10
                    index += 1
                    sawDigit = true
                }
                guard sawDigit else { return nil }
            }
        }
        return (hours * 60 + minutes) * 60_000 + millis
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII digit, `nil` for anything else (other scripts' digits included).
    fileprivate var asciiDigit: Int64? {
        (48...57).contains(value) ? Int64(value - 48) : nil
    }
}
