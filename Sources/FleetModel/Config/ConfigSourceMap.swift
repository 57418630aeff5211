/// Where each key of a configuration file stood and what was written there.
///
/// Reading records every key it meets; validation, which runs on the finished ``FleetConfig``,
/// asks it for the line and the original text of a key so that a range error still says
/// `fleet.yaml:3: fleet.instances: … found "600"` rather than losing the place.
/// For a configuration built in code the map is empty and errors carry no line.
final class ConfigSourceMap {
    /// The file name or label that errors start with.
    let source: String
    private var lines: [String: Int] = [:]
    private var texts: [String: String] = [:]
    private var notes: [String: String] = [:]

    /// An empty map for errors about `source`.
    init(source: String) {
        self.source = source
    }

    /// Notes that `key` stood on `line`, holding the scalar `text` if it was one.
    func record(_ key: String, line: Int?, text: String?) {
        if let line { lines[key] = line }
        if let text { texts[key] = text }
    }

    /// Notes where a value of `key` came from when it was not the file itself (a roster file's
    /// line), for messages to say.
    func note(_ key: String, _ origin: String) { notes[key] = origin }

    /// The origin noted for `key`, if any.
    func origin(of key: String) -> String? { notes[key] }

    /// Whether the file set `key` (or anything below it).
    func contains(_ key: String) -> Bool { lines[key] != nil }

    /// The 1-based line of `key`, if the file set it.
    func line(of key: String) -> Int? { lines[key] }

    /// The value as written in the file, quoted (`"600"`), or `fallback` for a value from code.
    func found(_ key: String, else fallback: @autoclosure () -> String) -> String {
        texts[key]?.quotedForMessage ?? fallback()
    }

    /// An error about `key`, located at its line.
    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(source: source, key: key, line: lines[key], message: message)
    }

    /// An error about `key`, located at the line recorded for `place` (a list item such as
    /// `chaos.exclude[2]`), or at the key's own line when `place` was not recorded.
    func error(_ key: String, at place: String, _ message: String) -> ConfigError {
        ConfigError(source: source, key: key, line: lines[place] ?? lines[key], message: message)
    }

    /// Of several keys that a problem involves, the one to blame: the first the file set,
    /// because that is where the user will look; the first listed when the file set none.
    func blame(_ keys: String...) -> String {
        keys.first(where: contains) ?? keys[0]
    }
}
