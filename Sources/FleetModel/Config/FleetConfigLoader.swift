import Foundation
import Yams

/// Reads `fleet.yaml` into a ``FleetConfig``, strictly.
///
/// Every key is optional and a missing key keeps the default of ``FleetConfig/init()``; an empty
/// file is the default configuration. Everything else is checked, and the first problem is
/// thrown as a ``ConfigError`` naming the file, the dotted key, its line, what was expected and
/// what was found:
///
/// - unknown keys (a typo must not silently fall back to a default),
/// - wrong types (`instances: five`),
/// - values out of range and impossible combinations (see ``FleetConfig/validate(source:)``).
///
/// The loader works on Yams' node tree rather than `Decodable`, because only the nodes know
/// their line numbers.
public enum FleetConfigLoader {
    /// Reads and validates the configuration file at `path`.
    ///
    /// Errors name `path` as their source, so the message points at the file the user gave.
    ///
    /// - Throws: ``ConfigError``; one without a line when the file cannot be read.
    public static func load(path: String) throws -> FleetConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let message: String
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                message = "no such file"
            } else if isDirectory.boolValue {
                message = "expected a YAML file, found a directory"
            } else {
                message = "the file cannot be read (check its permissions)"
            }
            throw ConfigError(source: path, key: "", line: nil, message: message)
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw ConfigError(source: path, key: "", line: nil, message: "expected UTF-8 text, found invalid bytes")
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(yaml: yaml, source: path, baseDirectory: folder.isEmpty ? "." : folder)
    }

    /// Parses and validates configuration text; `source` names it in errors (`"fleet.yaml"`).
    /// Relative paths in it (`classroom.roster`) start from `baseDirectory`, by default the
    /// working directory.
    ///
    /// - Throws: ``ConfigError``.
    public static func parse(yaml: String, source: String, baseDirectory: String = ".") throws -> FleetConfig {
        let map = ConfigSourceMap(source: source)
        let root: Node?
        do {
            // No tag resolution: the typed accessors read each scalar's text themselves, and
            // Yams' default resolver runs ICU regular expressions on every scalar, which costs
            // every instance process memory for code it would never run again.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw configError(from: error, yaml: yaml, source: source)
        }
        var config = FleetConfig()
        try read(root: root, into: &config, map: map, baseDirectory: baseDirectory)
        try config.validate(map: map)
        return config
    }

    /// Turns a YAML syntax error into a ``ConfigError`` at the line libyaml reported.
    private static func configError(from error: YamlError, yaml: String, source: String) -> ConfigError {
        func located(_ problem: String, _ mark: Mark, context: YamlError.Context?) -> ConfigError {
            var message = "invalid YAML: \(problem)"
            if let context, context.mark.line != mark.line {
                message += " (\(context.text) on line \(context.mark.line))"
            } else if let context {
                message += " (\(context.text))"
            }
            return ConfigError(source: source, key: "", line: mark.line, message: message)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            return located(problem, mark, context: context)
        case let .composer(_, problem, mark, _) where problem == "but found another document":
            // fleetsim reads one document; a second one would be silently ignored by some tools.
            return ConfigError(
                source: source, key: "", line: mark.line,
                message: "invalid YAML: expected a single document, found a second one; remove the \"---\" line")
        case let .composer(context, problem, mark, _):
            return located(problem, mark, context: context)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map(\.quotedForMessage).joined(separator: ", ")
            return ConfigError(
                source: source, key: duplicates.count == 1 ? duplicates[0] : "", line: context.mark.line,
                message: "the key \(names) appears more than once in the same mapping (first here); keep one")
        case let .reader(problem, offset, _, _):
            let line = offset.map { offset in yaml.prefix(offset).reduce(1) { $1.isNewline ? $0 + 1 : $0 } }
            return ConfigError(source: source, key: "", line: line, message: "invalid YAML: \(problem)")
        default:
            return ConfigError(source: source, key: "", line: nil, message: "invalid YAML: \(error)")
        }
    }
}
