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

    /// Human-readable form in the unit the value was most likely written in: exact binary
    /// multiples as `1 GiB`, exact decimal ones as `4 MB`, anything else in binary units with one
    /// decimal (`3.8 MiB`, `5 GiB` when it rounds to a whole number).
    public var description: String {
        let magnitude = bytes.magnitude
        for (unit, size) in [("TiB", UInt64(1) << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where magnitude >= size && magnitude % size == 0 {
            return "\(bytes / Int64(size)) \(unit)"
        }
        for (unit, size) in [("TB", UInt64(1_000_000_000_000)), ("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1000)]
        where magnitude >= size && magnitude % size == 0 {
            return "\(bytes / Int64(size)) \(unit)"
        }
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
