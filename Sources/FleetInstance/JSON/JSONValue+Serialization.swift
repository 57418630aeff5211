import FleetModel
extension JSONValue {
    /// Compact UTF-8 text exactly as Starlette's `JSONResponse` writes it:
    /// `json.dumps(..., ensure_ascii=False, separators=(",", ":"))`.
    public var serialized: String {
        var output = ""
        write(into: &output)
        return output
    }

    /// The serialized bytes, ready for a response body.
    public var bytes: [UInt8] { Array(serialized.utf8) }

    private func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += Self.pythonRepr(value)
        case .string(let value): value.appendJSONQuoted(to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                member.0.appendJSONQuoted(to: &output)
                output += ":"
                member.1.write(into: &output)
            }
            output += "}"
        }
    }

    /// Python's `repr(float)`: shortest round-trip digits. NaN and infinities are not JSON: they
    /// are written as strings, so an echoed bad input never makes a response body invalid.
    private static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        var text = "\(value)"
        if let range = text.range(of: "e") {
            // Swift writes 1e-05 as "1e-05" already; Python writes "1e-05" too. Ensure a sign.
            let exponent = text[range.upperBound...]
            if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") {
                text.replaceSubrange(range, with: "e+")
            }
        }
        return text
    }
}
