/// RFC 4180 fields, for every CSV the CLI prints.
public enum CSVField {
    /// `text` quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
