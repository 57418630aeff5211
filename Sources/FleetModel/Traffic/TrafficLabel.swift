/// The label values a topology may use: short, printable, safe in a file_sd file and a table.
public enum TrafficLabel {
    /// Letters, digits, `-`, `_`, `.`; 1 to 63 characters.
    public static func isValid(_ value: String) -> Bool {
        (1...63).contains(value.utf8.count)
            && value.utf8.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
