/// An unsigned decimal literal exactly as written — `12`, `0.7`, `.5`, `1.` — kept as digits.
///
/// Sizes and durations multiply a decimal by a unit (`0.7kb`, `1.5s`). Doing that in `Double`
/// gives `0.7 × 1000 = 700.0000000000001` and worse for long fractions, so both parsers keep the
/// digits and scale them with integer arithmetic: the result is exact, then truncated toward zero.
struct DecimalLiteral {
    /// ASCII digits before the point (may be empty for `.5`).
    var integerDigits: ArraySlice<UInt8>
    /// ASCII digits after the point (may be empty for `12` or `1.`).
    var fractionDigits: ArraySlice<UInt8>

    /// Scans `digits[.digits]` in `bytes` starting at `index` and moves `index` past it.
    ///
    /// Returns `nil` (leaving `index` alone) when there is not at least one digit, so a lone
    /// `"."` or a sign without a number is not a literal.
    static func scan(_ bytes: [UInt8], from index: inout Int) -> DecimalLiteral? {
        var cursor = index
        let integerStart = cursor
        while cursor < bytes.count, bytes[cursor].isASCIIDigit { cursor += 1 }
        let integerDigits = bytes[integerStart..<cursor]
        var fractionDigits = bytes[cursor..<cursor]
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            let fractionStart = cursor + 1
            var end = fractionStart
            while end < bytes.count, bytes[end].isASCIIDigit { end += 1 }
            fractionDigits = bytes[fractionStart..<end]
            // `"1."` is a number, `"."` is not: only take the point when a digit stands beside it.
            if !integerDigits.isEmpty || !fractionDigits.isEmpty { cursor = end }
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        index = cursor
        return DecimalLiteral(integerDigits: integerDigits, fractionDigits: fractionDigits)
    }

    /// `value × unit`, truncated toward zero, or `nil` when the result exceeds `limit`.
    ///
    /// The fraction is multiplied digit by digit from the right (schoolbook multiplication),
    /// which is exact for any number of digits: `"0.000000000931322574615478515625gib"` is
    /// exactly one byte. The carry stays below `unit`, so nothing overflows while `unit` and
    /// `limit` stay below 2^124 (the parsers use at most 86,400 × 10^18 and `Int64.max` × 10^18).
    func scaled(by unit: UInt128, limit: UInt128) -> UInt128? {
        var whole: UInt128 = 0
        for digit in integerDigits {
            // Stop early: leading digits alone already past the limit cannot come back.
            whole = whole * 10 + UInt128(digit - UInt8(ascii: "0"))
            if whole > limit { return nil }
        }
        let (scaledWhole, overflow) = whole.multipliedReportingOverflow(by: unit)
        if overflow || scaledWhole > limit { return nil }

        var carry: UInt128 = 0
        for digit in fractionDigits.reversed() {
            carry = (UInt128(digit - UInt8(ascii: "0")) * unit + carry) / 10
        }
        let total = scaledWhole + carry
        return total > limit ? nil : total
    }
}
