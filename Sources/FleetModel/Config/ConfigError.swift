/// A problem in a fleet configuration, pointing at the file, the key and the line.
///
/// Its ``description`` is a single line in the `file:line: message` form that editors and
/// terminals turn into a link:
///
///     fleet.yaml:12: scenarios.scenario1.chunk_size: expected a size like "1MB" or "4MiB", found "lots"
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Where the configuration came from: the path given to ``FleetConfigLoader/load(path:)``
    /// or the `source` given to ``FleetConfigLoader/parse(yaml:source:)``.
    public var source: String
    /// The dotted path of the offending key, such as `scenarios.scenario1.chunk_size`;
    /// empty when the problem is the file itself (unreadable, not YAML, not a mapping).
    public var key: String
    /// The 1-based line of the key or value in the file; `nil` when the problem has no place
    /// in a file (the file is missing, or the value came from ``FleetConfig/validate(source:)``
    /// on a configuration built in code).
    public var line: Int?
    /// What was expected and what was found.
    public var message: String

    /// Creates an error; the loader is the usual source of these.
    public init(source: String, key: String, line: Int?, message: String) {
        self.source = source
        self.key = key
        self.line = line
        self.message = message
    }

    /// `source:line: key: message`, leaving out the line and the key when they are unknown.
    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
