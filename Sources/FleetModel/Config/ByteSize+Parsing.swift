extension ByteSize {
    /// Parses the workshop service's size syntax, as the original Python `parse_size` does.
    ///
    /// Grammar (surrounding whitespace ignored):
    ///
    ///     [+|-] number [blanks] [suffix]
    ///     number = digits | digits "." digits? | "." digits     — `100`, `0.7`, `1.`, `.5`
    ///     suffix = b | k | kb | ki | kib | m | mb | mi | mib | g | gb | gi | gib   (any case)
    ///
    /// - `k`/`kb`, `m`/`mb`, `g`/`gb` are decimal (10^3, 10^6, 10^9); `ki`/`kib`, `mi`/`mib`,
    ///   `gi`/`gib` binary (2^10, 2^20, 2^30); `b` or no suffix is bytes: `"100"` is 100 bytes.
    /// - Spaces or tabs may separate number and suffix (`"4 MiB"`), as people write sizes in
    ///   prose; nothing may separate the sign from the number (`"- 1"` is rejected).
    /// - The value is computed exactly in decimal (`"0.7kb"` is 700, never 699) and a fraction
    ///   of a byte is **truncated toward zero**: `"1.9b"` is 1 byte and `"-1.9b"` is -1 byte.
    /// - Negative sizes parse (the type can hold them); callers that need a positive size, like
    ///   the configuration loader, check the sign themselves and say so in their message.
    ///
    /// - Throws: ``SizeSyntaxError`` for an empty text, a missing or malformed number
    ///   (`"MB"`, `"1.2.3"`, `"--1"`), an unknown suffix (`"12 parsecs"`) or a value that does
    ///   not fit in `Int64`.
    public static func parse(_ text: String) throws -> ByteSize {
        let bytes = Array(text.trimmingWhitespace().utf8)
        guard !bytes.isEmpty else { throw SizeSyntaxError(text: text, problem: .empty) }

        var index = 0
        var negative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard let number = DecimalLiteral.scan(bytes, from: &index) else {
            throw SizeSyntaxError(text: text, problem: .notANumber)
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        let suffix = bytes[index...]
        // Only letters can form a suffix; anything else (`"1.2.3"`, `"1 2"`) means the number
        // itself is malformed, which is the more useful thing to say.
        guard suffix.allSatisfy(\.isASCIILetter) else {
            throw SizeSyntaxError(text: text, problem: .notANumber)
        }
        guard let multiplier = multiplier(forSuffix: suffix) else {
            throw SizeSyntaxError(text: text, problem: .unknownSuffix(String(decoding: suffix, as: UTF8.self)))
        }
        // `Int64.min` has no positive counterpart, so a negative size may be one byte larger.
        let limit = negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max)
        guard let magnitude = number.scaled(by: multiplier, limit: limit) else {
            throw SizeSyntaxError(text: text, problem: .overflow)
        }
        return ByteSize(bytes: negative ? Int64(-Int128(magnitude)) : Int64(magnitude))
    }

    /// Bytes per unit of a suffix (`nil` if unknown); the empty suffix means bytes.
    private static func multiplier(forSuffix suffix: ArraySlice<UInt8>) -> UInt128? {
        switch String(decoding: suffix.map(\.asciiLowercased), as: UTF8.self) {
        case "", "b": return 1
        case "k", "kb": return 1_000
        case "ki", "kib": return 1 << 10
        case "m", "mb": return 1_000_000
        case "mi", "mib": return 1 << 20
        case "g", "gb": return 1_000_000_000
        case "gi", "gib": return 1 << 30
        default: return nil
        }
    }
}
