/// The character classes every parser of the project shares (configuration, HTTP parameters,
/// answer sheets), in one place so they cannot drift apart.
///
/// Written against the standard library alone (no Foundation `CharacterSet`), so what counts as
/// a digit or a blank is the same on every platform.
extension UInt8 {
    /// `0`…`9` in ASCII; the parsers accept no other digits (no Arabic-Indic, no full-width).
    public var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    /// `a`…`z` or `A`…`Z` in ASCII.
    public var isASCIILetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }

    /// The ASCII lowercase of a letter, other bytes unchanged. Deliberately not Unicode-aware:
    /// `String.lowercased()` would turn the Kelvin sign `K` into `k` and accept `"1K"`.
    public var asciiLowercased: UInt8 {
        (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) ? self + 32 : self
    }
}

extension Character {
    /// `0`…`9` only, not other scripts' digits.
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// The text without leading and trailing whitespace (Unicode `White_Space`, newlines
    /// included): what a person typing a value in a file means by "blank".
    public func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }

    /// The text without leading and trailing ASCII spaces, tabs and line breaks: what a
    /// protocol (a query parameter, a timestamp) treats as blank.
    public func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
