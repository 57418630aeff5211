import ArgumentParser
import FleetModel
import Foundation

/// `--config` and `--data-dir`: how every command finds its fleet.
struct FleetOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The fleet configuration file.",
            discussion: "Default: ./fleet.yaml when it exists, else the built-in default (identical to the repository's fleet.yaml).",
            valueName: "path"))
    var configPath: String?

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp("Overrides fleet.data_dir: the folder of the fleet's files and control sockets.", valueName: "dir"))
    var dataDir: String?

    /// The configuration file in use, absolute; nil when the built-in default is used.
    var resolvedConfigPath: String? {
        if let configPath { return Self.absolutePath(configPath) }
        return FileManager.default.fileExists(atPath: "fleet.yaml") ? Self.absolutePath("fleet.yaml") : nil
    }

    /// Loads the configuration and applies the overrides; config errors name the key and line.
    func loadConfig() throws -> FleetConfig {
        var config = try resolvedConfigPath.map { try FleetConfigLoader.load(path: $0) } ?? FleetConfig()
        if let dataDir {
            guard !dataDir.isEmpty else { throw ValidationError("--data-dir must not be empty") }
            config.fleet.dataDir = dataDir
        }
        config.fleet.dataDir = Self.absolutePath(config.fleet.dataDir)
        // Rule files are relative to the configuration file, so `--config` works from anywhere.
        let base = resolvedConfigPath.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        config.prometheus.ruleFiles = config.prometheus.ruleFiles.map { path in
            path.hasPrefix("/") ? path : ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
        }
        return config
    }

    /// Child processes and sockets must not depend on the working directory.
    static func absolutePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}
