/// Why a body is not JSON, positioned as Python's `json` module reports it.
///
/// FastAPI answers a malformed body with `loc: ["body", <position>]` and the `json` module's
/// message, so the parser keeps both: the index (in characters, as Python counts) and the text.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// Character offset of the first byte that could not be parsed.
    public var position: Int
    /// Python's wording, e.g. "Expecting property name enclosed in double quotes".
    public var message: String
}

/// A strict JSON parser (RFC 8259 plus Python's `NaN`/`Infinity`) that keeps object key order.
public struct JSONParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// Nested arrays and objects deeper than this are refused: a body of a million `[` must not
    /// exhaust the stack of a request task.
    private let maxDepth = 64

    /// Parses `text` as one JSON document, surrounded by optional whitespace.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(scalars: Array(text.unicodeScalars))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.scalars.count {
            throw JSONSyntaxError(position: parser.index, message: "Extra data")
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < maxDepth else { throw JSONSyntaxError(position: index, message: "Maximum nesting depth exceeded") }
        guard let scalar = current else { throw JSONSyntaxError(position: index, message: "Expecting value") }
        switch scalar {
        case "{": return try parseObject(depth: depth)
        case "[": return try parseArray(depth: depth)
        case "\"": return .string(try parseString())
        case "t": return try parseLiteral("true", .bool(true))
        case "f": return try parseLiteral("false", .bool(false))
        case "n": return try parseLiteral("null", .null)
        case "N": return try parseLiteral("NaN", .double(.nan))
        case "I": return try parseLiteral("Infinity", .double(.infinity))
        default:
            if scalar == "-" && matches("-Infinity") {
                index += "-Infinity".unicodeScalars.count
                return .double(-.infinity)
            }
            if scalar == "-" || ("0"..."9").contains(scalar) { return try parseNumber() }
            throw JSONSyntaxError(position: index, message: "Expecting value")
        }
    }

    private func matches(_ literal: String) -> Bool {
        var position = index
        for scalar in literal.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private mutating func parseLiteral(_ literal: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        guard matches(literal) else { throw JSONSyntaxError(position: index, message: "Expecting value") }
        index += literal.unicodeScalars.count
        return value
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if current == "}" {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == "\"" else {
                throw JSONSyntaxError(position: index, message: "Expecting property name enclosed in double quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard current == ":" else { throw JSONSyntaxError(position: index, message: "Expecting ':' delimiter") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            // Python keeps the last value of a repeated key, in the first key's place.
            if let existing = members.firstIndex(where: { $0.0 == key }) {
                members[existing].1 = value
            } else {
                members.append((key, value))
            }
            skipWhitespace()
            switch current {
            case ",": index += 1
            case "}":
                index += 1
                return .object(members)
            default: throw JSONSyntaxError(position: index, message: "Expecting ',' delimiter")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == "]" {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case ",": index += 1
            case "]":
                index += 1
                return .array(elements)
            default: throw JSONSyntaxError(position: index, message: "Expecting ',' delimiter")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else {
                throw JSONSyntaxError(position: start, message: "Unterminated string starting at")
            }
            switch scalar {
            case "\"":
                index += 1
                return String(result)
            case "\\":
                index += 1
                guard let escape = current else {
                    throw JSONSyntaxError(position: start, message: "Unterminated string starting at")
                }
                switch escape {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    result.append(try parseUnicodeEscape())
                    continue
                default:
                    throw JSONSyntaxError(position: index - 1, message: "Invalid \\escape")
                }
                index += 1
            default:
                if scalar.value < 0x20 {
                    throw JSONSyntaxError(position: index, message: "Invalid control character at")
                }
                result.append(scalar)
                index += 1
            }
        }
    }

    /// Reads `uXXXX` (the backslash is consumed), joining surrogate pairs.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        // Python reports a bad \u escape at the `u`.
        let escapeStart = index
        func hex4(at position: Int) -> UInt32? {
            guard position + 4 <= scalars.count else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[position..<position + 4] {
                guard let digit = Character(scalar).hexDigitValue else { return nil }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
        guard let high = hex4(at: index + 1) else {
            throw JSONSyntaxError(position: escapeStart, message: "Invalid \\uXXXX escape")
        }
        index += 5
        if (0xD800...0xDBFF).contains(high), current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u",
           let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) {
            index += 6
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        var isInteger = true
        if current == "-" { index += 1 }
        guard let first = current, ("0"..."9").contains(first) else {
            throw JSONSyntaxError(position: start, message: "Expecting value")
        }
        if first == "0" {
            index += 1
        } else {
            while let digit = current, ("0"..."9").contains(digit) { index += 1 }
        }
        if current == ".", index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
            isInteger = false
            index += 1
            while let digit = current, ("0"..."9").contains(digit) { index += 1 }
        }
        if current == "e" || current == "E" {
            var lookahead = index + 1
            if lookahead < scalars.count, scalars[lookahead] == "+" || scalars[lookahead] == "-" { lookahead += 1 }
            if lookahead < scalars.count, ("0"..."9").contains(scalars[lookahead]) {
                isInteger = false
                index = lookahead
                while let digit = current, ("0"..."9").contains(digit) { index += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        if isInteger, let value = Int64(text) { return .int(value) }
        return .double(Double(text) ?? (text.hasPrefix("-") ? -.infinity : .infinity))
    }
}
