import Testing

import FleetModel

/// Every kind of configuration error names its key, its line, what was expected and what was found.
@Suite("Loader errors")
struct ConfigLoaderErrorTests {
    // MARK: - The message format

    @Test func descriptionReadsLikeACompilerMessage() throws {
        // The example of the brief, with the key on line 12.
        let yaml = """
            fleet:
              name: workshop
              instances: 5
            node:
              memory: 2GiB
              disk: 1GiB
            metrics:
              process_group: python

            scenarios:
              scenario1:
                chunk_size: lots
            """
        let error = try #require(configError(yaml))
        #expect(
            error.description
                == #"fleet.yaml:12: scenarios.scenario1.chunk_size: expected a size like "1MB" or "4MiB", found "lots""#)
    }

    @Test func descriptionWithoutLineOrKey() {
        #expect(ConfigError(source: "lab.yaml", key: "fleet.host", line: nil, message: "m").description == "lab.yaml: fleet.host: m")
        #expect(ConfigError(source: "lab.yaml", key: "", line: 3, message: "m").description == "lab.yaml:3: m")
        #expect(ConfigError(source: "lab.yaml", key: "", line: nil, message: "no such file").description == "lab.yaml: no such file")
    }

    // MARK: - Structure: unknown keys, wrong shapes, YAML syntax

    @Test("unknown keys", arguments: [
        ErrorCase("flet:\n  name: x\n", key: "flet", line: 1,
                  #"unknown section "flet" (did you mean "fleet"?); the file allows the sections fleet, node, metrics, scenarios, supervisor, prometheus, chaos"#),
        ErrorCase("fleet:\n  name: x\n  base_prot: 9000\n", key: "fleet.base_prot", line: 3,
                  #"unknown key "base_prot" (did you mean "base_port"?); fleet allows name, instances, host, base_port, data_dir"#),
        ErrorCase("scenarios:\n  scenario9: {}\n", key: "scenarios.scenario9", line: 2,
                  #"unknown key "scenario9" (did you mean "scenario1"?); scenarios allows scenario1, scenario2, scenario3, scenario4, scenario5, scenario6, scenario7, scenario8"#),
        ErrorCase("scenarios:\n  scenario1:\n    chunksize: 1MB\n", key: "scenarios.scenario1.chunksize", line: 3,
                  #"did you mean "chunk_size"?"#),
        ErrorCase("supervisor:\n  control:\n    comand: ipc:///tmp/c.sock\n", key: "supervisor.control.comand", line: 3,
                  #"did you mean "command"?); supervisor.control allows command, events, instances"#),
        ErrorCase("chaos:\n  weights: {scenario1: 1, scenario9: 2}\n", key: "chaos.weights.scenario9", line: 2,
                  "chaos.weights allows scenario1, scenario2, scenario3, scenario4, scenario5, scenario6, scenario7, scenario8"),
        ErrorCase("node:\n  cpu: 4\n", key: "node.cpu", line: 2, #"unknown key "cpu" (did you mean "cpus"?); node allows memory, disk, cpus"#),
        ErrorCase("scenarios:\n  scenario8:\n    maxopen: 5\n", key: "scenarios.scenario8.maxopen", line: 3,
                  #"did you mean "max_open"?); scenarios.scenario8 allows per_step, interval, max_open"#),
    ])
    func unknownKeys(_ error: ErrorCase) { error.check() }

    @Test("wrong shapes", arguments: [
        ErrorCase("fleet: 5\n", key: "fleet", line: 1,
                  #"expected a mapping with the keys name, instances, host, base_port, data_dir, found "5""#),
        ErrorCase("- fleet\n", key: "", line: 1, "expected a mapping with the keys fleet, node, metrics, scenarios, supervisor, prometheus, chaos, traffic, topology, classroom, console, found a list"),
        ErrorCase("just text\n", key: "", line: 1, #"found "just text""#),
        ErrorCase("fleet:\n  name: [a, b]\n", key: "fleet.name", line: 2, "expected a text, found a list"),
        ErrorCase("fleet:\n  instances:\n", key: "fleet.instances", line: 2, "expected a whole number, found nothing"),
        ErrorCase("node:\n  memory: {a: 1}\n", key: "node.memory", line: 2, #"expected a size like "1MB" or "4MiB", found a mapping"#),
        ErrorCase("scenarios: [scenario1]\n", key: "scenarios", line: 1, "found a list"),
        ErrorCase("chaos:\n  exclude: svc-01\n", key: "chaos.exclude", line: 2, #"expected a list, found "svc-01""#),
        ErrorCase("chaos:\n  exclude:\n    - svc-01\n    - [svc-02]\n", key: "chaos.exclude", line: 4,
                  #"expected an instance id like "svc-02", found a list"#),
        ErrorCase("chaos:\n  weights: 1\n", key: "chaos.weights", line: 2, #"expected a mapping with the keys scenario1, scenario2, scenario3, scenario4, scenario5, scenario6, scenario7, scenario8, found "1""#),
        ErrorCase("fleet:\n  ? [a, b]\n  : 1\n", key: "fleet", line: 2, "expected a key name"),
    ])
    func wrongShapes(_ error: ErrorCase) { error.check() }

    @Test("wrong scalar types", arguments: [
        ErrorCase("fleet:\n  instances: five\n", key: "fleet.instances", line: 2, #"expected a whole number, found "five""#),
        ErrorCase("fleet:\n  instances: 5.0\n", key: "fleet.instances", line: 2, #"expected a whole number, found "5.0""#),
        ErrorCase("fleet:\n  base_port: 0x1F90\n", key: "fleet.base_port", line: 2, #"expected a whole number, found "0x1F90""#),
        ErrorCase("fleet:\n  instances: 99999999999999999999\n", key: "fleet.instances", line: 2, "expected a whole number of at most 19 digits"),
        ErrorCase("scenarios:\n  scenario3:\n    client_rate: fast\n", key: "scenarios.scenario3.client_rate", line: 3, #"expected a number, found "fast""#),
        ErrorCase("scenarios:\n  scenario3:\n    client_rate: .inf\n", key: "scenarios.scenario3.client_rate", line: 3, #"expected a number, found ".inf""#),
        ErrorCase("supervisor:\n  ready_timeout: soon\n", key: "supervisor.ready_timeout", line: 2,
                  #"expected a duration like "500ms", "30s" or "1m30s", found "soon""#),
        ErrorCase("supervisor:\n  ready_timeout: 15S\n", key: "supervisor.ready_timeout", line: 2, #"unknown unit "S""#),
        ErrorCase("scenarios:\n  scenario2:\n    free_space_reserve: 12 parsecs\n", key: "scenarios.scenario2.free_space_reserve", line: 3,
                  #"found "12 parsecs": unknown unit "parsecs""#),
        ErrorCase("chaos:\n  expose_truth: yes\n", key: "chaos.expose_truth", line: 2, #"expected true or false, found "yes""#),
        ErrorCase("prometheus:\n  enabled: maybe\n", key: "prometheus.enabled", line: 2, #"expected auto, true or false, found "maybe""#),
        ErrorCase("chaos:\n  seed: -1\n", key: "chaos.seed", line: 2, #"expected a whole number from 0 to 18446744073709551615, found "-1""#),
        ErrorCase("chaos:\n  seed: 18446744073709551616\n", key: "chaos.seed", line: 2, "expected a whole number from 0 to 18446744073709551615"),
        ErrorCase("chaos:\n  max_concurrent: lots\n", key: "chaos.max_concurrent", line: 2,
                  #"expected a number of instances (like 2) or a share of the fleet between 0 and 1 (like 0.3), found "lots""#),
        ErrorCase("chaos:\n  weights:\n    scenario2: heavy\n", key: "chaos.weights.scenario2", line: 3, #"expected a number, found "heavy""#),
        ErrorCase("supervisor:\n  control:\n    events: [tcp]\n", key: "supervisor.control.events", line: 3, "expected a text, found a list"),
    ])
    func wrongTypes(_ error: ErrorCase) { error.check() }

    @Test("invalid YAML", arguments: [
        ErrorCase("fleet:\n  name: x\n instances: 5\n", key: "", line: 3, "invalid YAML"),
        ErrorCase("fleet: {name: x\n", key: "", line: 2, "invalid YAML"),
        ErrorCase("fleet:\n\tname: x\n", key: "", line: 2, "invalid YAML"),
        ErrorCase("fleet: {}\n---\nnode: {}\n", key: "", line: 2, #"invalid YAML: expected a single document, found a second one; remove the "---" line"#),
        ErrorCase("chaos:\n  hold_max: *missing\n", key: "", line: 2, "invalid YAML: found undefined alias"),
    ])
    func invalidYAML(_ error: ErrorCase) { error.check() }

    @Test func duplicateKeys() throws {
        let error = try #require(configError("fleet:\n  instances: 5\n  name: a\n  instances: 6\n"))
        #expect(error.key == "instances")
        #expect(error.line == 2)
        #expect(error.message.contains(#"the key "instances" appears more than once"#))
    }

    // MARK: - Values out of range

    @Test("fleet values", arguments: [
        ErrorCase("fleet:\n  instances: 0\n", key: "fleet.instances", line: 2, #"expected a number of instances from 1 to 500, found "0""#),
        ErrorCase("fleet:\n  instances: 501\n", key: "fleet.instances", line: 2, #"expected a number of instances from 1 to 500, found "501""#),
        ErrorCase("fleet:\n  host: 0.0.0.0\n", key: "fleet.host", line: 2,
                  #"expected a loopback address (127.x.x.x, ::1 or localhost), found "0.0.0.0"; fleetsim runs a deliberately failing service and only serves on this machine"#),
        ErrorCase("fleet:\n  host: 192.168.1.10\n", key: "fleet.host", line: 2, #"found "192.168.1.10""#),
        ErrorCase("fleet:\n  host: example.com\n", key: "fleet.host", line: 2, #"found "example.com""#),
        ErrorCase("fleet:\n  host: 127.1\n", key: "fleet.host", line: 2, #"found "127.1""#),
        ErrorCase("fleet:\n  host: \"::\"\n", key: "fleet.host", line: 2, #"found "::""#),
        ErrorCase("fleet:\n  base_port: 0\n", key: "fleet.base_port", line: 2, #"expected a port from 1 to 65535, found "0""#),
        ErrorCase("fleet:\n  base_port: 70000\n", key: "fleet.base_port", line: 2, #"expected a port from 1 to 65535, found "70000""#),
        ErrorCase("fleet:\n  base_port: 65534\n", key: "fleet.base_port", line: 2,
                  "expected the instance ports base_port … base_port + instances - 1 to end at 65535 or below, found 65534…65538 for 5 instances"),
        ErrorCase("fleet:\n  instances: 10\n  base_port: 65530\n", key: "fleet.base_port", line: 3, "found 65530…65539 for 10 instances"),
        ErrorCase("fleet:\n  data_dir: \"\"\n", key: "fleet.data_dir", line: 2, #"expected a directory path, found """#),
        ErrorCase("fleet:\n  name: \" \"\n", key: "fleet.name", line: 2, #"expected a name that is not blank, found " ""#),
        ErrorCase("metrics:\n  process_group: ''\n", key: "metrics.process_group", line: 2,
                  #"expected a Prometheus label value that is not empty, found """#),
    ])
    func fleetValues(_ error: ErrorCase) { error.check() }

    @Test("sizes and scenarios", arguments: [
        ErrorCase("node:\n  memory: 0\n", key: "node.memory", line: 2, #"expected a size greater than 0, found "0""#),
        ErrorCase("node:\n  disk: -1GB\n", key: "node.disk", line: 2, #"expected a size greater than 0, found "-1GB""#),
        ErrorCase("scenarios:\n  scenario1:\n    chunk_size: 0.1b\n", key: "scenarios.scenario1.chunk_size", line: 3,
                  #"expected a size greater than 0, found "0.1b""#),
        ErrorCase("scenarios:\n  scenario1:\n    interval: 0s\n", key: "scenarios.scenario1.interval", line: 3,
                  #"expected a duration greater than 0, found "0s""#),
        ErrorCase("scenarios:\n  scenario1:\n    max_chunks: 0\n", key: "scenarios.scenario1.max_chunks", line: 3,
                  #"expected a whole number of at least 1, found "0""#),
        ErrorCase("scenarios:\n  scenario1:\n    chunk_size: 8GiB\n    max_chunks: 2000000000\n", key: "scenarios.scenario1.max_chunks", line: 4,
                  "expected chunk_size × max_chunks to fit in 64 bits"),
        ErrorCase("scenarios:\n  scenario2:\n    chunk_size: -4MB\n", key: "scenarios.scenario2.chunk_size", line: 3, "expected a size greater than 0"),
        ErrorCase("scenarios:\n  scenario2:\n    interval: -1s\n", key: "scenarios.scenario2.interval", line: 3,
                  #"expected a duration greater than 0, found "-1s""#),
        ErrorCase("scenarios:\n  scenario2:\n    free_space_reserve: -1\n", key: "scenarios.scenario2.free_space_reserve", line: 3,
                  #"expected a size of at least 0, found "-1""#),
        ErrorCase("scenarios:\n  scenario3:\n    client_rate: -0.5\n", key: "scenarios.scenario3.client_rate", line: 3,
                  #"expected a rate of at least 0 requests per second (0 sends without pause), found "-0.5""#),
        ErrorCase("scenarios:\n  scenario3:\n    limit: 0\n", key: "scenarios.scenario3.limit", line: 3, #"expected a whole number of at least 1, found "0""#),
        ErrorCase("scenarios:\n  scenario3:\n    window: 0\n", key: "scenarios.scenario3.window", line: 3, "expected a duration greater than 0"),
        ErrorCase("scenarios:\n  scenario3:\n    min_delay: -5ms\n", key: "scenarios.scenario3.min_delay", line: 3,
                  #"expected a duration of at least 0, found "-5ms""#),
        ErrorCase("scenarios:\n  scenario3:\n    min_delay: 2s\n", key: "scenarios.scenario3.min_delay", line: 3,
                  #"expected at most max_delay (1s), found "2s""#),
        ErrorCase("scenarios:\n  scenario3:\n    max_delay: 50ms\n", key: "scenarios.scenario3.max_delay", line: 3,
                  #"expected at least min_delay (100ms), found "50ms""#),
        ErrorCase("scenarios:\n  scenario3:\n    min_delay: 3s\n    max_delay: 2s\n", key: "scenarios.scenario3.max_delay", line: 4,
                  #"expected at least min_delay (3s), found "2s""#),
    ])
    func scenarioValues(_ error: ErrorCase) { error.check() }

    @Test("supervisor and prometheus values", arguments: [
        ErrorCase("supervisor:\n  metrics_port: 70000\n", key: "supervisor.metrics_port", line: 2,
                  #"expected a port from 1 to 65535, or 0 to turn the supervisor's metrics off, found "70000""#),
        ErrorCase("supervisor:\n  metrics_port: -1\n", key: "supervisor.metrics_port", line: 2, #"found "-1""#),
        ErrorCase("supervisor:\n  heartbeat_interval: 0ms\n", key: "supervisor.heartbeat_interval", line: 2, "expected a duration greater than 0"),
        ErrorCase("supervisor:\n  heartbeat_misses: 0\n", key: "supervisor.heartbeat_misses", line: 2, #"expected a whole number of at least 1, found "0""#),
        ErrorCase("supervisor:\n  max_restarts: -1\n", key: "supervisor.max_restarts", line: 2, #"expected a whole number of at least 0, found "-1""#),
        ErrorCase("supervisor:\n  restart_backoff: 0\n", key: "supervisor.restart_backoff", line: 2, "expected a duration greater than 0"),
        ErrorCase("supervisor:\n  restart_backoff: 10s\n", key: "supervisor.restart_backoff", line: 2, #"expected at most restart_backoff_max (5s), found "10s""#),
        ErrorCase("supervisor:\n  ready_timeout: 0s\n", key: "supervisor.ready_timeout", line: 2, "expected a duration greater than 0"),
        ErrorCase("prometheus:\n  port: 0\n", key: "prometheus.port", line: 2, #"expected a port from 1 to 65535, found "0""#),
        ErrorCase("prometheus:\n  scrape_interval: 0s\n", key: "prometheus.scrape_interval", line: 2, "expected a duration greater than 0"),
    ])
    func supervisorValues(_ error: ErrorCase) { error.check() }

    @Test("control endpoints", arguments: [
        ErrorCase("supervisor:\n  control:\n    command: http://127.0.0.1:7001\n", key: "supervisor.control.command", line: 3,
                  #"expected a ZeroMQ endpoint like "tcp://127.0.0.1:7001" or "ipc:///tmp/fleet/control.sock", found "http://127.0.0.1:7001""#),
        ErrorCase("supervisor:\n  control:\n    command: inproc://control\n", key: "supervisor.control.command", line: 3, #"found "inproc://control""#),
        ErrorCase("supervisor:\n  control:\n    events: tcp://10.0.0.1:7001\n", key: "supervisor.control.events", line: 3,
                  #"expected a loopback host (127.x.x.x, [::1] or localhost) in the endpoint, found "tcp://10.0.0.1:7001""#),
        ErrorCase("supervisor:\n  control:\n    events: tcp://*:7001\n", key: "supervisor.control.events", line: 3, "expected a loopback host"),
        ErrorCase("supervisor:\n  control:\n    events: tcp://127.0.0.1:http\n", key: "supervisor.control.events", line: 3,
                  #"expected a port from 1 to 65535 in the endpoint, found "tcp://127.0.0.1:http""#),
        ErrorCase("supervisor:\n  control:\n    events: tcp://127.0.0.1:0\n", key: "supervisor.control.events", line: 3, "expected a port from 1 to 65535"),
        ErrorCase("supervisor:\n  control:\n    events: tcp://127.0.0.1\n", key: "supervisor.control.events", line: 3, "no port"),
        ErrorCase("supervisor:\n  control:\n    instances: \"ipc://\"\n", key: "supervisor.control.instances", line: 3, "the socket path is empty"),
        ErrorCase("supervisor:\n  control:\n    instances: ipc:///\(String(repeating: "d", count: 120))/i.sock\n",
                  key: "supervisor.control.instances", line: 3, "expected a socket path of at most 107 bytes"),
        ErrorCase("supervisor:\n  control:\n    command: ipc:///tmp/a.sock\n    events: ipc:///tmp/a.sock\n", key: "supervisor.control.events", line: 4,
                  #"expected an endpoint of its own, found "ipc:///tmp/a.sock", which supervisor.control.command already uses"#),
    ])
    func controlEndpoints(_ error: ErrorCase) { error.check() }

    @Test("port collisions", arguments: [
        ErrorCase("supervisor:\n  metrics_port: 8083\n", key: "supervisor.metrics_port", line: 2,
                  "expected every server of the fleet on a port of its own, found port 8083, which is among the instance ports 8081…8085"),
        ErrorCase("fleet:\n  base_port: 9098\n", key: "fleet.base_port", line: 2,
                  "found supervisor.metrics_port on port 9100, which is among the instance ports 9098…9102"),
        ErrorCase("fleet:\n  instances: 20\n  base_port: 9080\n", key: "fleet.base_port", line: 3, "found prometheus.port on port 9090"),
        ErrorCase("prometheus:\n  port: 9100\n", key: "prometheus.port", line: 2,
                  "found port 9100, which supervisor.metrics_port already uses"),
        ErrorCase("supervisor:\n  control:\n    command: tcp://127.0.0.1:8081\n", key: "supervisor.control.command", line: 3,
                  "found port 8081, which is among the instance ports 8081…8085"),
        ErrorCase("supervisor:\n  control:\n    command: tcp://127.0.0.1:7001\n    events: tcp://localhost:7001\n", key: "supervisor.control.events", line: 4,
                  "found port 7001, which supervisor.control.command already uses"),
    ])
    func portCollisions(_ error: ErrorCase) { error.check() }

    @Test("chaos values", arguments: [
        ErrorCase("chaos:\n  duration: 0s\n", key: "chaos.duration", line: 2, "expected a duration greater than 0"),
        ErrorCase("chaos:\n  mean_gap: 0\n", key: "chaos.mean_gap", line: 2, "expected a duration greater than 0"),
        ErrorCase("chaos:\n  hold_min: 0s\n", key: "chaos.hold_min", line: 2, "expected a duration greater than 0"),
        ErrorCase("chaos:\n  hold_min: 10m\n", key: "chaos.hold_min", line: 2, #"expected at most hold_max (5m), found "10m""#),
        ErrorCase("chaos:\n  hold_min: 2m\n  hold_max: 1m\n", key: "chaos.hold_max", line: 3, #"expected at least hold_min (2m), found "1m""#),
        ErrorCase("chaos:\n  weights: {scenario1: -1}\n", key: "chaos.weights.scenario1", line: 2, #"expected a weight of at least 0, found "-1""#),
        ErrorCase("chaos:\n  weights: {scenario1: 0, scenario2: 0}\n", key: "chaos.weights", line: 2,
                  "expected at least one scenario with a weight above 0, found none"),
        ErrorCase("chaos:\n  weights: {}\n", key: "chaos.weights", line: 2, "expected at least one scenario with a weight above 0"),
        ErrorCase("chaos:\n  max_concurrent: 0\n", key: "chaos.max_concurrent", line: 2, #"expected a number of instances of at least 1 or a share in (0, 1], found "0""#),
        ErrorCase("chaos:\n  max_concurrent: 1.5\n", key: "chaos.max_concurrent", line: 2,
                  #"expected a share of the fleet above 0 and at most 1 (or a whole number of instances), found "1.5""#),
        ErrorCase("chaos:\n  max_concurrent: 0.0\n", key: "chaos.max_concurrent", line: 2, #"found "0.0""#),
        ErrorCase("chaos:\n  exclude:\n    - svc-01\n    - svc-06\n", key: "chaos.exclude", line: 4,
                  #"expected ids of this fleet's instances (svc-01…svc-05), found "svc-06""#),
        ErrorCase("chaos:\n  exclude: [svc-1]\n", key: "chaos.exclude", line: 2, #"found "svc-1""#),
        ErrorCase("chaos:\n  exclude:\n    - svc-02\n    - svc-03\n    - svc-02\n", key: "chaos.exclude", line: 5,
                  #"expected each id once, found "svc-02" again"#),
        ErrorCase("chaos:\n  warmup: -1s\n", key: "chaos.warmup", line: 2, #"expected a duration of at least 0, found "-1s""#),
        ErrorCase("chaos:\n  warmup: 30m\n", key: "chaos.warmup", line: 2,
                  "expected warmup shorter than duration, found warmup 30m and duration 30m, which leaves no time for chaos"),
        ErrorCase("chaos:\n  duration: 1m\n", key: "chaos.duration", line: 2, "expected warmup shorter than duration"),
    ])
    func chaosValues(_ error: ErrorCase) { error.check() }

    @Test func excludeFollowsTheFleetSize() throws {
        // With 100 instances the ids have three digits, so svc-01 is no longer an id.
        #expect(try parseConfig("fleet: { instances: 100 }\nchaos: { exclude: [svc-001, svc-100] }").chaos.exclude == ["svc-001", "svc-100"])
        let error = try #require(configError("fleet: { instances: 100 }\nchaos: { exclude: [svc-01] }"))
        #expect(error.key == "chaos.exclude")
        #expect(error.message.contains("(svc-001…svc-100)"))
    }

    // MARK: - Validation of configurations built in code

    @Test func validateInCodeHasNoLine() {
        var config = FleetConfig()
        config.fleet.instances = 0
        #expect(throws: ConfigError(
            source: "flags", key: "fleet.instances", line: nil, message: "expected a number of instances from 1 to 500, found 0")
        ) {
            try config.validate(source: "flags")
        }

        config = FleetConfig()
        config.scenarios.scenario3.minDelay = .seconds(2)
        #expect(throws: ConfigError(
            source: "configuration", key: "scenarios.scenario3.max_delay", line: nil,
            message: "expected at least min_delay (2s), found 1s")
        ) {
            try config.validate()
        }

        config = FleetConfig()
        config.node.memory = ByteSize(bytes: -5)
        #expect(throws: ConfigError(
            source: "configuration", key: "node.memory", line: nil, message: "expected a size greater than 0, found -5 bytes")
        ) {
            try config.validate()
        }
    }

    @Test func dataDirTooLongForTheDefaultSockets() throws {
        // The CLI makes data_dir absolute; a deep folder makes ipc://<data_dir>/instances.sock too long to bind.
        let deep = "/" + String(repeating: "very-long-folder-name/", count: 5)
        let error = try #require(configError("fleet:\n  data_dir: \(deep)\n"))
        #expect(error.key == "fleet.data_dir")
        #expect(error.line == 2)
        #expect(error.message.contains("expected a data_dir short enough for its control sockets"))
        #expect(error.message.contains("choose a shorter data_dir or set supervisor.control.command"))
        // Explicit endpoints lift the limit.
        let yaml = """
            fleet:
              data_dir: \(deep)
            supervisor:
              control: { command: "ipc:///tmp/c.sock", events: "ipc:///tmp/e.sock", instances: "ipc:///tmp/i.sock" }
            """
        #expect(try parseConfig(yaml).fleet.dataDir == deep)
    }

    @Test func firstProblemInFileOrderWins() throws {
        // Type errors come while reading, in file order; range errors come after, section by section.
        let error = try #require(configError("fleet:\n  instances: 0\n  host: 1.2.3.4\n"))
        #expect(error.key == "fleet.instances")
    }
}
