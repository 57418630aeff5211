/// An amount of bytes, written in the workshop service's size syntax (`"4MB"`, `"1GiB"`, `"0.7kb"`).
///
/// The parser lives in `ByteSize+Parsing.swift`; this type only carries the value.
public struct ByteSize: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number of bytes; negative only when a caller parsed a signed size on purpose.
    public var bytes: Int64

    /// Creates a size of exactly `bytes` bytes.
    public init(bytes: Int64) {
        self.bytes = bytes
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }

    /// Binary-prefixed, human-readable form (`"1 GiB"`, `"3.8 MiB"`, `"512 B"`).
    public var description: String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }
}
