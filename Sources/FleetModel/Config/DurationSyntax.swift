/// The duration syntax of `fleet.yaml`, after Prometheus and Go: `500ms`, `1s`, `1m30s`, `0.5s`, `2h`, `1d`.
public enum DurationSyntax {
    /// The units, largest first, with their length in attoseconds (`Duration`'s resolution).
    private static let units: [(symbol: String, attoseconds: UInt128)] = [
        ("d", 86_400 * attosecondsPerSecond),
        ("h", 3_600 * attosecondsPerSecond),
        ("m", 60 * attosecondsPerSecond),
        ("s", attosecondsPerSecond),
        ("ms", attosecondsPerSecond / 1_000),
    ]

    private static let attosecondsPerSecond: UInt128 = 1_000_000_000_000_000_000

    /// The longest duration accepted: whole seconds must fit in `Int64`, as `Duration.components` needs.
    private static let limit = UInt128(Int64.max) * attosecondsPerSecond

    /// Parses one or more `<number><unit>` components, or a bare number of seconds.
    ///
    /// - Units are `ms`, `s`, `m`, `h`, `d`, lowercase only (`M` could be read as months) and
    ///   each used at most once, largest first, as Prometheus requires: `1h30m`, not `30m1h`.
    /// - Every number may have a fraction (`0.5s`, `1.5h`, `.25m`); the value is computed exactly
    ///   and anything below an attosecond is truncated toward zero.
    /// - A bare number is seconds, so the YAML integer `5` and the YAML float `0.5` mean `5s` and
    ///   `500ms`. A bare number must stand alone: `1m30` is rejected rather than guessed.
    /// - An optional leading sign is accepted (as in Go) so that a negative value gets the
    ///   clearer "expected a duration greater than 0" from the loader instead of a syntax error.
    /// - Surrounding whitespace is ignored; none is allowed inside (`1m 30s` is rejected).
    ///
    /// - Throws: ``DurationSyntaxError``.
    public static func parse(_ text: String) throws -> Duration {
        let bytes = Array(text.trimmingWhitespace().utf8)
        guard !bytes.isEmpty else { throw DurationSyntaxError(text: text, problem: .empty) }

        var index = 0
        var negative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }

        var total: UInt128 = 0
        var smallestUnitSoFar = -1  // index into `units`; each new unit must be smaller
        repeat {
            guard let number = DecimalLiteral.scan(bytes, from: &index) else {
                throw DurationSyntaxError(text: text, problem: .notANumber)
            }
            let unitStart = index
            while index < bytes.count, bytes[index].isASCIILetter { index += 1 }
            let symbol = String(decoding: bytes[unitStart..<index], as: UTF8.self)

            let unitIndex: Int
            if symbol.isEmpty {
                // Only a lone number is seconds; in `1m30` the `30` is more likely a typo than seconds.
                guard unitStart == bytes.count, smallestUnitSoFar == -1 else {
                    throw DurationSyntaxError(text: text, problem: index < bytes.count ? .notANumber : .missingUnit)
                }
                unitIndex = units.firstIndex { $0.symbol == "s" }!
            } else {
                guard let found = units.firstIndex(where: { $0.symbol == symbol }) else {
                    throw DurationSyntaxError(text: text, problem: .unknownUnit(symbol))
                }
                unitIndex = found
            }
            guard unitIndex > smallestUnitSoFar else {
                throw DurationSyntaxError(text: text, problem: .unitOrder(symbol))
            }
            smallestUnitSoFar = unitIndex

            guard let part = number.scaled(by: units[unitIndex].attoseconds, limit: limit),
                  case let (sum, overflow) = total.addingReportingOverflow(part), !overflow, sum <= limit
            else {
                throw DurationSyntaxError(text: text, problem: .overflow)
            }
            total = sum
        } while index < bytes.count

        let attoseconds = Int128(total)
        return Duration(attoseconds: negative ? -attoseconds : attoseconds)
    }

    /// The canonical text of `duration`, which ``parse(_:)`` reads back exactly.
    ///
    /// Days, hours and minutes are whole and zero components are left out (`1d`, `1h30m`,
    /// `1m30s`). What is left below a minute is written the way Go's `time.Duration` prints it:
    /// as seconds with an exact decimal fraction when at least a second is left (`5s`, `1.5s`,
    /// `1m30.25s`), as milliseconds when less than a second is left (`500ms`, `1m250ms`,
    /// `0.001ms`). Zero is `0s`; a negative duration gets a leading `-`.
    public static func format(_ duration: Duration) -> String {
        let attoseconds = duration.attoseconds
        if attoseconds == 0 { return "0s" }
        var rest = attoseconds.magnitude
        var text = attoseconds < 0 ? "-" : ""

        for unit in units.prefix(3) where rest >= unit.attoseconds {
            text += "\(rest / unit.attoseconds)\(unit.symbol)"
            rest %= unit.attoseconds
        }
        if rest >= attosecondsPerSecond {
            text += decimal(rest, scale: attosecondsPerSecond) + "s"
        } else if rest > 0 {
            text += decimal(rest, scale: attosecondsPerSecond / 1_000) + "ms"
        }
        return text
    }

    /// `value / scale` as an exact decimal without trailing zeros (`scale` is a power of ten).
    private static func decimal(_ value: UInt128, scale: UInt128) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(scale).count - 1  // number of decimal places of `scale`
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
