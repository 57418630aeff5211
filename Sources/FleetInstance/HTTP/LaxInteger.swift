/// pydantic 2's lax integer parsing, the rules FastAPI applies to `int` parameters and fields.
enum LaxInteger {
    /// The outcome of validating one value as an integer.
    enum Outcome: Equatable {
        case value(Double)
        case notParsable
        case fractional
        case wrongType
    }

    /// A string such as a path parameter: surrounding whitespace, a sign, digits, and a zero
    /// fraction (`"7.00"`) are accepted; anything else is not an integer.
    static func parse(_ text: String) -> Outcome {
        var body = Substring(text.trimmingASCIIWhitespace())
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if let dot = body.firstIndex(of: ".") {
            let fraction = body[body.index(after: dot)...]
            guard fraction.allSatisfy({ $0 == "0" }) else { return .notParsable }
            body = body[..<dot]
        }
        guard !body.isEmpty, body.allSatisfy(\.isASCIIDigit), let magnitude = Double(body) else { return .notParsable }
        return .value(sign * magnitude)
    }

    /// A JSON value such as a body field.
    static func validate(_ value: JSONValue) -> Outcome {
        switch value {
        case .int(let number): return .value(Double(number))
        case .double(let number):
            guard number.isFinite else { return .fractional }
            return number == number.rounded(.towardZero) ? .value(number) : .fractional
        case .bool(let flag): return .value(flag ? 1 : 0)
        case .string(let text): return parse(text)
        case .null, .array, .object: return .wrongType
        }
    }
}
