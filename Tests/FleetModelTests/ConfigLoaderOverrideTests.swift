import Testing

import FleetModel

/// Every key of `fleet.yaml` is read into its setting, in every accepted spelling.
@Suite("Loader overrides")
struct ConfigLoaderOverrideTests {
    @Test func everyKeyOverridden() throws {
        let yaml = """
            fleet:
              name: lab
              instances: 12
              host: localhost
              base_port: 18000
              data_dir: /tmp/fleet-test
            node:
              memory: 512MiB
              disk: 3GB
            metrics:
              process_group: workshop
            scenarios:
              scenario1:
                chunk_size: 2MiB
                interval: 250ms
                max_chunks: 100
              scenario2:
                chunk_size: 0.5MB
                interval: 2s
                free_space_reserve: 0
              scenario3:
                client_rate: 12.5
                limit: 3
                window: 30s
                min_delay: 0ms
                max_delay: 1.5s
            supervisor:
              metrics_port: 0
              heartbeat_interval: 500ms
              heartbeat_misses: 5
              max_restarts: 0
              restart_backoff: 1s
              restart_backoff_max: 1m
              ready_timeout: 1m30s
              control:
                command: tcp://127.0.0.1:7001
                events: "tcp://[::1]:7002"
                instances: ipc:///tmp/fleet-test/instances.sock
            prometheus:
              enabled: false
              port: 19090
              scrape_interval: 15s
            chaos:
              seed: 18446744073709551615
              duration: 2h
              mean_gap: 45s
              hold_min: 10s
              hold_max: 10s
              weights: {scenario1: 2, scenario2: 0, scenario3: 0.5}
              max_concurrent: 3
              exclude: [svc-01, svc-12]
              warmup: 0
              expose_truth: true
            """
        var expected = FleetConfig()
        expected.fleet.name = "lab"
        expected.fleet.instances = 12
        expected.fleet.host = "localhost"
        expected.fleet.basePort = 18000
        expected.fleet.dataDir = "/tmp/fleet-test"
        expected.node.memory = ByteSize(bytes: 512 << 20)
        expected.node.disk = ByteSize(bytes: 3_000_000_000)
        expected.metrics.processGroup = "workshop"
        expected.scenarios.scenario1.chunkSize = ByteSize(bytes: 2 << 20)
        expected.scenarios.scenario1.interval = .milliseconds(250)
        expected.scenarios.scenario1.maxChunks = 100
        expected.scenarios.scenario2.chunkSize = ByteSize(bytes: 500_000)
        expected.scenarios.scenario2.interval = .seconds(2)
        expected.scenarios.scenario2.freeSpaceReserve = ByteSize(bytes: 0)
        expected.scenarios.scenario3.clientRate = 12.5
        expected.scenarios.scenario3.limit = 3
        expected.scenarios.scenario3.window = .seconds(30)
        expected.scenarios.scenario3.minDelay = .zero
        expected.scenarios.scenario3.maxDelay = .milliseconds(1500)
        expected.supervisor.metricsPort = 0
        expected.supervisor.heartbeatInterval = .milliseconds(500)
        expected.supervisor.heartbeatMisses = 5
        expected.supervisor.maxRestarts = 0
        expected.supervisor.restartBackoff = .seconds(1)
        expected.supervisor.restartBackoffMax = .seconds(60)
        expected.supervisor.readyTimeout = .seconds(90)
        expected.supervisor.control.command = "tcp://127.0.0.1:7001"
        expected.supervisor.control.events = "tcp://[::1]:7002"
        expected.supervisor.control.instances = "ipc:///tmp/fleet-test/instances.sock"
        expected.prometheus.enabled = .disabled
        expected.prometheus.port = 19090
        expected.prometheus.scrapeInterval = .seconds(15)
        expected.chaos.seed = .max
        expected.chaos.duration = .seconds(7200)
        expected.chaos.meanGap = .seconds(45)
        expected.chaos.holdMin = .seconds(10)
        expected.chaos.holdMax = .seconds(10)
        expected.chaos.weights = [.scenario1: 2, .scenario2: 0, .scenario3: 0.5]
        expected.chaos.maxConcurrent = .count(3)
        expected.chaos.exclude = ["svc-01", "svc-12"]
        expected.chaos.warmup = .zero
        expected.chaos.exposeTruth = true

        let config = try parseConfig(yaml)
        // Section by section first, so a failure points at the section that differs.
        #expect(config.fleet == expected.fleet)
        #expect(config.node == expected.node)
        #expect(config.metrics == expected.metrics)
        #expect(config.scenarios == expected.scenarios)
        #expect(config.supervisor == expected.supervisor)
        #expect(config.prometheus == expected.prometheus)
        #expect(config.chaos == expected.chaos)
        #expect(config == expected)
    }

    @Test func flowStyleAsInTheHandout() throws {
        let yaml = """
            fleet:      { name: workshop, instances: 5, host: 127.0.0.1, base_port: 8081, data_dir: .fleet }
            node:       { memory: 2GiB, disk: 1GiB }          # the simulated host of each instance
            metrics:    { process_group: python }
            """
        #expect(try parseConfig(yaml) == FleetConfig())
    }

    @Test func quotedNumbersAndPlainTextAreTheSame() throws {
        let config = try parseConfig(#"fleet: { instances: "7", base_port: '9000', name: 42 }"#)
        #expect(config.fleet.instances == 7)
        #expect(config.fleet.basePort == 9000)
        #expect(config.fleet.name == "42")
    }

    @Test func sizesAsIntegersAreBytes() throws {
        let config = try parseConfig("node: { memory: 1048576, disk: \"1 GiB\" }")
        #expect(config.node.memory == ByteSize(bytes: 1_048_576))
        #expect(config.node.disk == ByteSize(bytes: 1 << 30))
    }

    @Test func durationsAsBareNumbersAreSeconds() throws {
        let config = try parseConfig("scenarios: { scenario1: { interval: 5 }, scenario2: { interval: 0.25 } }")
        #expect(config.scenarios.scenario1.interval == .seconds(5))
        #expect(config.scenarios.scenario2.interval == .milliseconds(250))
    }

    @Test("prometheus.enabled", arguments: [
        ("auto", PrometheusMode.auto), ("\"auto\"", .auto), ("AUTO", .auto),
        ("true", .enabled), ("True", .enabled), ("\"true\"", .enabled),
        ("false", .disabled), ("FALSE", .disabled), ("'false'", .disabled),
    ])
    func prometheusEnabled(text: String, mode: PrometheusMode) throws {
        #expect(try parseConfig("prometheus: { enabled: \(text) }").prometheus.enabled == mode)
    }

    @Test("chaos.max_concurrent", arguments: [
        ("1", ConcurrencyLimit.count(1)), ("4", .count(4)), ("1.0", .fraction(1)), ("0.3", .fraction(0.3)),
        ("0.05", .fraction(0.05)), (".5", .fraction(0.5)),
    ])
    func maxConcurrent(text: String, limit: ConcurrencyLimit) throws {
        #expect(try parseConfig("chaos: { max_concurrent: \(text) }").chaos.maxConcurrent == limit)
    }

    @Test func nullMeansTheOptionalDefault() throws {
        let yaml = """
            supervisor:
              control:
                command:
                events: ~
                instances: null
            chaos:
              seed: ~
              exclude:
            """
        #expect(try parseConfig(yaml) == FleetConfig())
    }

    @Test func partialWeightsLeaveOutTheOthers() throws {
        let config = try parseConfig("chaos:\n  weights:\n    scenario2: 3\n")
        #expect(config.chaos.weights == [.scenario2: 3])
    }

    @Test func anchorsAndAliases() throws {
        let yaml = """
            chaos:
              hold_min: &hold 2m
              hold_max: *hold
            """
        let config = try parseConfig(yaml)
        #expect(config.chaos.holdMin == .seconds(120))
        #expect(config.chaos.holdMax == .seconds(120))
    }

    @Test("loopback hosts", arguments: [
        "127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "localhost", "LocalHost", "::ffff:127.0.0.1",
    ])
    func loopbackHosts(host: String) throws {
        #expect(try parseConfig("fleet: { host: \"\(host)\" }").fleet.host == host)
    }

    @Test("control endpoints", arguments: [
        "tcp://127.0.0.1:7001", "tcp://localhost:65535", "tcp://[::1]:1", "ipc:///tmp/fleet/control.sock",
        "ipc://relative.sock", "ipc://@abstract-name",
    ])
    func controlEndpoints(endpoint: String) throws {
        let config = try parseConfig("supervisor: { control: { events: \"\(endpoint)\" } }")
        #expect(config.supervisor.control.events == endpoint)
    }

    @Test func largestFleet() throws {
        let config = try parseConfig("fleet: { instances: 500, base_port: 65036 }\nsupervisor: { metrics_port: 0 }\nprometheus: { port: 9090 }")
        #expect(config.fleet.instances == 500)
        #expect(config.port(ordinal: 500) == 65535)
    }

    @Test func prometheusDisabledMayShareAPort() throws {
        // A disabled Prometheus binds nothing, so its port cannot collide.
        let config = try parseConfig("prometheus: { enabled: false, port: 9100 }")
        #expect(config.prometheus.port == 9100)
    }
}
