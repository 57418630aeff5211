/// Path captures arrive percent-encoded from Hummingbird; FastAPI hands them over decoded.
enum PathParameter {
    /// `raw` with every `%XX` escape decoded; `raw` itself when it has no escape, or when an
    /// escape is malformed or the decoded bytes are not UTF-8 (Starlette keeps such a path as is).
    static func decode(_ raw: String) -> String {
        // Almost every capture (`health`, `x`, `250`) has no escape: no copy, no allocation.
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var input = raw.utf8.makeIterator()
        while let byte = input.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else { return raw }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self) ?? raw
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
