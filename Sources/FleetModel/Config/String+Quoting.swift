extension String {
    /// The text in double quotes, with quotes, backslashes and control characters escaped.
    ///
    /// Error messages quote what the user wrote so that an empty value (`""`), trailing blanks
    /// (`"5 "`) or a stray newline stay visible instead of vanishing into the sentence.
    var quotedForMessage: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
