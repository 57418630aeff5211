extension UInt8 {
    /// `0`…`9` in ASCII; the parsers accept no other digits (no Arabic-Indic, no full-width).
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    /// `a`…`z` or `A`…`Z` in ASCII.
    var isASCIILetter: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }

    /// The ASCII lowercase of a letter, other bytes unchanged. Deliberately not Unicode-aware:
    /// `String.lowercased()` would turn the Kelvin sign `K` into `k` and accept `"1K"`.
    var asciiLowercased: UInt8 {
        (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) ? self + 32 : self
    }
}
