import Foundation
import Testing

import FleetModel

/// Parses YAML text the way `fleet.yaml` is parsed, naming it `fleet.yaml` in errors.
func parseConfig(_ yaml: String) throws -> FleetConfig {
    try FleetConfigLoader.parse(yaml: yaml, source: "fleet.yaml")
}

/// The `ConfigError` that parsing `yaml` throws, recording an issue if it throws nothing or something else.
func configError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
    do {
        _ = try parseConfig(yaml)
        Issue.record("expected a ConfigError, but the configuration was accepted", sourceLocation: sourceLocation)
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The repository root, found from this file's path (`<root>/Tests/FleetModelTests/TestSupport.swift`).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // FleetModelTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root

/// One expected configuration error: the YAML, and the key, line and message it must produce.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var key: String
    var line: Int?
    /// A part of the message that shows the error says what it should (expected … found …).
    var message: String

    init(_ yaml: String, key: String, line: Int?, _ message: String) {
        self.yaml = yaml
        self.key = key
        self.line = line
        self.message = message
    }

    var testDescription: String { "\(key) @ \(line.map(String.init) ?? "-"): \(message)" }

    /// Parses the YAML and checks the error's source, key, line and message.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = configError(yaml, sourceLocation: sourceLocation) else { return }
        #expect(error.source == "fleet.yaml", sourceLocation: sourceLocation)
        #expect(error.key == key, "\(error)", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "\(error)", sourceLocation: sourceLocation)
    }
}
