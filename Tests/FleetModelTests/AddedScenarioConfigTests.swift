import FleetModel
import Testing

/// scenario4 … scenario8 and `node.cpus`: defaults, overrides, and every bad value refused
/// with its key and line.
struct AddedScenarioConfigTests {
    @Test func defaultsAreTheIssueTable() {
        let config = FleetConfig()
        #expect(config.scenarios.scenario4.delay == .milliseconds(250))
        #expect(config.scenarios.scenario4.jitter == .milliseconds(250))
        #expect(config.scenarios.scenario5.errorRate == 0.3)
        #expect(config.scenarios.scenario6.cores == 0.5)
        #expect(config.scenarios.scenario7.interval == .seconds(20))
        #expect(config.scenarios.scenario8.perStep == 10)
        #expect(config.scenarios.scenario8.interval == .seconds(1))
        #expect(config.scenarios.scenario8.maxOpen == 600)
        #expect(config.node.cpus == 2)
        for alias in ScenarioAlias.allCases {
            #expect(config.chaos.weights[alias] == 1, "\(alias)")
        }
    }

    @Test func kindsArePublicNames() {
        #expect(ScenarioAlias.allCases.map(\.failureMode) == [
            "memory leak", "disk fill", "rate limit", "latency", "errors", "cpu", "crash loop", "fd leak",
        ])
    }

    @Test func everyKeyIsRead() throws {
        let config = try parseConfig("""
            node:
              cpus: 4
            scenarios:
              scenario4: {delay: 10ms, jitter: 0s}
              scenario5: {error_rate: 1}
              scenario6: {cores: 0.25}
              scenario7: {interval: 5s}
              scenario8: {per_step: 3, interval: 200ms, max_open: 50}
            chaos:
              weights: {scenario6: 2}
            """)
        #expect(config.node.cpus == 4)
        #expect(config.scenarios.scenario4.delay == .milliseconds(10))
        #expect(config.scenarios.scenario4.jitter == .zero)
        #expect(config.scenarios.scenario5.errorRate == 1)
        #expect(config.scenarios.scenario6.cores == 0.25)
        #expect(config.scenarios.scenario7.interval == .seconds(5))
        #expect(config.scenarios.scenario8.perStep == 3)
        #expect(config.scenarios.scenario8.interval == .milliseconds(200))
        #expect(config.scenarios.scenario8.maxOpen == 50)
        #expect(config.chaos.weights == [.scenario6: 2])
    }

    @Test("bad values name their key and line", arguments: [
        ErrorCase("scenarios:\n  scenario4:\n    delay: -1s\n", key: "scenarios.scenario4.delay", line: 3,
                  #"expected a duration of at least 0, found "-1s""#),
        ErrorCase("scenarios:\n  scenario4:\n    jitter: -5ms\n", key: "scenarios.scenario4.jitter", line: 3,
                  "expected a duration of at least 0"),
        ErrorCase("scenarios:\n  scenario5:\n    error_rate: 1.5\n", key: "scenarios.scenario5.error_rate", line: 3,
                  #"expected a share of requests from 0 to 1 (0.3 = 30 %), found "1.5""#),
        ErrorCase("scenarios:\n  scenario5:\n    error_rate: -0.1\n", key: "scenarios.scenario5.error_rate", line: 3,
                  "expected a share of requests from 0 to 1"),
        ErrorCase("scenarios:\n  scenario6:\n    cores: 0\n", key: "scenarios.scenario6.cores", line: 3,
                  #"expected a share of one core above 0 and at most 1 (0.5 = half a core), found "0""#),
        ErrorCase("scenarios:\n  scenario6:\n    cores: 2\n", key: "scenarios.scenario6.cores", line: 3,
                  "at most 1"),
        ErrorCase("scenarios:\n  scenario7:\n    interval: 0s\n", key: "scenarios.scenario7.interval", line: 3,
                  #"expected a duration greater than 0, found "0s""#),
        ErrorCase("scenarios:\n  scenario7:\n    interval: 500ms\n", key: "scenarios.scenario7.interval", line: 3,
                  "expected an interval of at least 1s"),
        ErrorCase("scenarios:\n  scenario8:\n    interval: 0s\n", key: "scenarios.scenario8.interval", line: 3,
                  "expected a duration greater than 0"),
        ErrorCase("scenarios:\n  scenario8:\n    per_step: 0\n", key: "scenarios.scenario8.per_step", line: 3,
                  "expected a whole number of at least 1"),
        ErrorCase("scenarios:\n  scenario8:\n    max_open: 0\n", key: "scenarios.scenario8.max_open", line: 3,
                  "expected a whole number of at least 1"),
        ErrorCase("scenarios:\n  scenario8:\n    max_open: 100000000\n", key: "scenarios.scenario8.max_open", line: 3,
                  "80 % of this process's open-file limit"),
        ErrorCase("node:\n  cpus: 0\n", key: "node.cpus", line: 2, "expected a number of simulated CPUs from 1 to 1024"),
        ErrorCase("chaos:\n  weights: {scenario7: -1}\n", key: "chaos.weights.scenario7", line: 2, "expected a weight of at least 0"),
    ])
    func badValues(_ error: ErrorCase) { error.check() }

    @Test func fileDescriptorSumMustFitTheSystem() {
        var config = FleetConfig()
        config.fleet.instances = 10
        config.scenarios.scenario8.maxOpen = 600
        let huge = ByteSize(bytes: 1 << 50)
        #expect(config.validateResources(freeMemory: huge, freeDisk: huge, freeFileHandles: 6000).isEmpty)
        let problems = config.validateResources(freeMemory: huge, freeDisk: huge, freeFileHandles: 5999)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("scenarios.scenario8.max_open") == true, "\(problems)")
    }

    @Test func crashLoopExitsDoNotCountTowardMaxRestarts() {
        #expect(!RestartAccounting.countsTowardMaxRestarts(lastScenario: .scenario7, exitStatus: 1))
        #expect(RestartAccounting.countsTowardMaxRestarts(lastScenario: .scenario7, exitStatus: 137))
        #expect(RestartAccounting.countsTowardMaxRestarts(lastScenario: .scenario7, exitStatus: nil))
        #expect(RestartAccounting.countsTowardMaxRestarts(lastScenario: .scenario2, exitStatus: 1))
        #expect(RestartAccounting.countsTowardMaxRestarts(lastScenario: nil, exitStatus: 0))
    }
}
