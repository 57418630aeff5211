import Foundation
import Testing

import FleetModel

/// Missing keys, sections and files fall back to `FleetConfig()`, and the repository's
/// `fleet.yaml` spells out exactly those defaults.
@Suite("Loader defaults")
struct ConfigLoaderDefaultsTests {
    @Test("an empty or comment-only file is the default", arguments: [
        "", "\n\n", "# nothing here\n", "---\n", "~\n", "{}\n",
    ])
    func emptyFile(yaml: String) throws {
        #expect(try parseConfig(yaml) == FleetConfig())
    }

    @Test func emptyAndMissingSectionsAreDefaults() throws {
        let yaml = """
            fleet:
            node: {}
            chaos:
              # every key commented out
            scenarios:
              scenario1:
            supervisor:
              control:
            """
        #expect(try parseConfig(yaml) == FleetConfig())
    }

    @Test func aSingleKeyChangesOnlyThatSetting() throws {
        var expected = FleetConfig()
        expected.fleet.instances = 7
        #expect(try parseConfig("fleet: { instances: 7 }") == expected)
    }

    @Test func repositoryFleetYAMLIsTheDefault() throws {
        let path = repositoryRoot.appendingPathComponent("fleet.yaml").path
        #expect(try FleetConfigLoader.load(path: path) == FleetConfig())
    }

    @Test func repositoryFleetYAMLHasEverySectionAndKey() throws {
        // Every key present (the file documents the defaults); only the seed is commented out.
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("fleet.yaml"), encoding: .utf8)
        let keys = [
            "fleet:", "name:", "instances:", "host:", "base_port:", "data_dir:",
            "node:", "memory:", "disk:", "metrics:", "process_group:",
            "scenarios:", "scenario1:", "scenario2:", "scenario3:", "chunk_size:", "interval:", "max_chunks:",
            "free_space_reserve:", "client_rate:", "limit:", "window:", "min_delay:", "max_delay:",
            "cpus:", "scenario4:", "delay:", "jitter:", "scenario5:", "error_rate:", "scenario6:", "cores:",
            "scenario7:", "scenario8:", "per_step:", "max_open:",
            "supervisor:", "metrics_port:", "heartbeat_interval:", "heartbeat_misses:", "max_restarts:",
            "restart_backoff:", "restart_backoff_max:", "ready_timeout:", "control:", "command:", "events:",
            "prometheus:", "enabled:", "port:", "scrape_interval:",
            "chaos:", "duration:", "mean_gap:", "hold_min:", "hold_max:", "weights:", "max_concurrent:",
            "exclude:", "warmup:", "expose_truth:",
            "traffic:", "rate:", "skew:", "period:", "amplitude:", "mix:", "count:", "not_found:", "invalid:",
            "metrics_port:", "topology:", "zones:", "versions:",
            "classroom:", "listen:", "scenario_control:", "students:", "# roster:", "console:",
        ]
        for key in keys {
            #expect(text.contains(key), "fleet.yaml lacks \(key)")
        }
        #expect(text.contains("# seed:"))
    }

    @Test func missingFile() {
        let path = "/nonexistent/fleet.yaml"
        #expect(throws: ConfigError(source: path, key: "", line: nil, message: "no such file")) {
            try FleetConfigLoader.load(path: path)
        }
    }

    @Test func directoryInsteadOfFile() {
        #expect(throws: ConfigError(source: "/tmp", key: "", line: nil, message: "expected a YAML file, found a directory")) {
            try FleetConfigLoader.load(path: "/tmp")
        }
    }

    @Test func loadNamesThePathInErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleetsim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lab.yaml")
        try Data("fleet:\n  instances: five\n".utf8).write(to: file)
        #expect(throws: ConfigError(
            source: file.path, key: "fleet.instances", line: 2, message: #"expected a whole number, found "five""#)
        ) {
            try FleetConfigLoader.load(path: file.path)
        }

        try Data([0x66, 0x6C, 0xFF, 0xFE]).write(to: file)
        #expect(throws: ConfigError(source: file.path, key: "", line: nil, message: "expected UTF-8 text, found invalid bytes")) {
            try FleetConfigLoader.load(path: file.path)
        }
    }

    @Test func defaultsPassValidation() throws {
        try FleetConfig().validate()
    }
}
