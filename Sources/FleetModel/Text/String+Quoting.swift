extension String {
    /// The text as a JSON string literal: in double quotes, with quotes, backslashes and control
    /// characters below U+0020 escaped (`\n`, `\t`, `\u0007`) as Python's `json` does, everything
    /// else as it is.
    ///
    /// Also how error messages quote what the user wrote, so that an empty value (`""`),
    /// trailing blanks (`"5 "`) or a stray newline stay visible instead of vanishing into the
    /// sentence.
    public var jsonQuoted: String {
        var output = ""
        appendJSONQuoted(to: &output)
        return output
    }

    /// Appends ``jsonQuoted`` to `output` without an intermediate string (the JSON writer's
    /// hot path).
    public func appendJSONQuoted(to output: inout String) {
        output += "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// The text quoted for an error message (see ``jsonQuoted``).
    var quotedForMessage: String { jsonQuoted }
}
