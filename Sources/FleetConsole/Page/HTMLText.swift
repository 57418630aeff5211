/// Escaping of text put into the console's server-rendered HTML.
///
/// The page builds everything else in the browser with `textContent`, which cannot run markup;
/// the few values the server writes into HTML (the fleet's name, a sign-in message) go through
/// here.
enum HTMLText {
    /// `text` with `& < > " '` replaced by entities: safe in element content and quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
