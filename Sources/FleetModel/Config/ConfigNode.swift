import Yams

/// One YAML value of the configuration, with the dotted key it belongs to and its line.
///
/// The typed accessors turn a scalar into a setting or throw a ``ConfigError`` that names the
/// key, the line, what was expected and what was found. They read the scalar's text whatever
/// its quoting: `instances: "5"` is as good as `instances: 5`, because YAML's own typing of
/// plain scalars (is `1_000` a number? is `no` false?) differs between YAML versions and
/// would only surprise people; what counts is whether the text is a valid setting.
struct ConfigNode {
    /// The Yams node.
    let node: Node
    /// The dotted path, like `scenarios.scenario1.chunk_size`.
    let key: String
    /// The 1-based line to report: the key's line for mapping values, the item's for list items.
    let line: Int?
    /// The file name or label that errors start with.
    let source: String

    /// An error about this value.
    func error(_ message: String) -> ConfigError {
        ConfigError(source: source, key: key, line: line, message: message)
    }

    /// `expected <expectation>, found <what is there>`.
    func mismatch(_ expectation: String) -> ConfigError {
        error("expected \(expectation), found \(foundDescription)")
    }

    // MARK: - What the node is

    /// Whether the value is YAML null: nothing after the colon, `~` or `null`.
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The text of a non-null scalar; `nil` for null, mappings and lists.
    var scalarText: String? {
        guard case .scalar(let scalar) = node, !isNull else { return nil }
        return scalar.string
    }

    /// How the value reads in a message: the quoted text, or what kind of thing it is.
    var foundDescription: String {
        if isNull { return "nothing" }
        switch node {
        case .scalar(let scalar): return scalar.string.quotedForMessage
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: - Typed accessors

    /// Any non-null scalar as text.
    func text() throws -> String {
        guard let text = scalarText else { throw mismatch("a text") }
        return text
    }

    /// A decimal whole number with an optional sign (`5`, `-1`, `+3`).
    func wholeNumber() throws -> Int {
        guard let text = scalarText, Self.isWholeNumber(text) else { throw mismatch("a whole number") }
        guard let value = Int(text) else { throw mismatch("a whole number of at most 19 digits") }
        return value
    }

    /// A non-negative whole number up to 2^64 - 1, for seeds.
    func unsignedWholeNumber() throws -> UInt64 {
        let expectation = "a whole number from 0 to 18446744073709551615"
        guard let text = scalarText, Self.isWholeNumber(text),
              let value = UInt64(text.hasPrefix("+") ? String(text.dropFirst()) : text)
        else { throw mismatch(expectation) }
        return value
    }

    /// A finite decimal number (`50`, `0.3`, `-1.5`, `1e3`); no `.inf`, `.nan` or hex.
    func number() throws -> Double {
        guard let text = scalarText, let value = Self.finiteNumber(text) else { throw mismatch("a number") }
        return value
    }

    /// `true` or `false` (also `True`/`TRUE`/`False`/`FALSE`, as YAML 1.2 spells them).
    func bool() throws -> Bool {
        switch scalarText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw mismatch("true or false")
        }
    }

    /// A size in the service's syntax (`4MB`, `1GiB`); a YAML integer is a number of bytes.
    func size() throws -> ByteSize {
        guard let text = scalarText else { throw mismatch(#"a size like "1MB" or "4MiB""#) }
        do {
            return try ByteSize.parse(text)
        } catch let syntax as SizeSyntaxError {
            throw error(syntax.description)
        }
    }

    /// A duration (`500ms`, `1m30s`); a YAML number is seconds.
    func duration() throws -> Duration {
        guard let text = scalarText else { throw mismatch(#"a duration like "500ms", "30s" or "1m30s""#) }
        do {
            return try DurationSyntax.parse(text)
        } catch let syntax as DurationSyntaxError {
            throw error(syntax.description)
        }
    }

    /// The items of a list; null is the empty list (every item commented out).
    func list() throws -> [ConfigNode] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw mismatch("a list") }
        return sequence.map { ConfigNode(node: $0, key: key, line: $0.mark?.line ?? line, source: source) }
    }

    // MARK: - Scalar syntax

    /// `[+-]?[0-9]+` — decimal only, so `0x10`, `1_000` and `5.0` are rejected, not reinterpreted.
    static func isWholeNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy(\.isASCIIDigit)
    }

    /// A finite number made of digits, one sign, a point and an exponent; `nil` otherwise.
    static func finiteNumber(_ text: String) -> Double? {
        let allowed = text.utf8.allSatisfy {
            $0.isASCIIDigit || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
        }
        guard allowed, text.utf8.contains(where: \.isASCIIDigit), let value = Double(text), value.isFinite else {
            return nil
        }
        return value
    }
}
