import Testing

import FleetModel

/// `traffic:` and `topology:`: defaults, overrides, and every bad value with its key and line.
@Suite("Traffic configuration")
struct TrafficConfigTests {
    @Test func defaultsAreOn() {
        let config = FleetConfig()
        #expect(config.traffic.enabled)
        #expect(config.traffic.rate == 5)
        #expect(config.traffic.skew == 0.5)
        #expect(config.traffic.period == .seconds(600))
        #expect(config.traffic.amplitude == 0.5)
        #expect(config.traffic.seed == nil)
        #expect(config.traffic.mix == [.count: 60, .duration: 15, .gauge: 10, .health: 5, .notFound: 6, .invalid: 4])
        #expect(config.topology.zones == ["zone-a", "zone-b", "zone-c"])
        #expect(config.topology.versions == ["v1"])
    }

    @Test func overrides() throws {
        let config = try parseConfig("""
            traffic:
              rate: 2.5
              skew: 1
              period: 30s
              amplitude: 0
              seed: 7
              mix: {count: 1, not_found: 1}
            topology:
              zones: [east, west]
              versions: [v1, v2]
            """)
        #expect(config.traffic.rate == 2.5)
        #expect(config.traffic.skew == 1)
        #expect(config.traffic.period == .seconds(30))
        #expect(config.traffic.seed == 7)
        // The mapping replaces the default mix: kinds left out are never sent.
        #expect(config.traffic.mix == [.count: 1, .notFound: 1])
        #expect((1...4).map { config.zone(ordinal: $0) } == ["east", "west", "east", "west"])
        #expect((1...3).map { config.version(ordinal: $0) } == ["v1", "v2", "v1"])
    }

    @Test("bad values name their key and line", arguments: [
        ErrorCase("traffic:\n  rate: -1\n", key: "traffic.rate", line: 2, #"found "-1""#),
        ErrorCase("traffic:\n  skew: 1.5\n", key: "traffic.skew", line: 2, "expected a skew from 0"),
        ErrorCase("traffic:\n  skew: -0.1\n", key: "traffic.skew", line: 2, #"found "-0.1""#),
        ErrorCase("traffic:\n  amplitude: 2\n", key: "traffic.amplitude", line: 2, "expected an amplitude"),
        ErrorCase("traffic:\n  period: 0s\n", key: "traffic.period", line: 2, "expected a duration greater than 0"),
        ErrorCase("traffic:\n  mix:\n    count: 1\n    teapot: 3\n", key: "traffic.mix.teapot", line: 4, #"unknown key "teapot""#),
        ErrorCase("traffic:\n  mix:\n    count: 0\n    health: 0\n", key: "traffic.mix", line: 2, "at least one kind of request"),
        ErrorCase("traffic:\n  mix:\n    count: -2\n", key: "traffic.mix.count", line: 3, "a share of at least 0"),
        ErrorCase("traffic:\n  rate: fast\n", key: "traffic.rate", line: 2, "expected a number"),
        ErrorCase("topology:\n  zones: []\n", key: "topology.zones", line: 2, "found an empty list"),
        ErrorCase("topology:\n  versions: []\n", key: "topology.versions", line: 2, "found an empty list"),
        ErrorCase("topology:\n  zones: [\"a b\"]\n", key: "topology.zones", line: 2, "letters, digits"),
        ErrorCase("traffic:\n  metrics_port: 9090\n", key: "traffic.metrics_port", line: 2, "a port of its own"),
    ])
    func badValues(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func disabledTrafficFreesItsPort() throws {
        let config = try parseConfig("traffic:\n  enabled: false\n  metrics_port: 9090\n")
        #expect(!config.traffic.enabled)
    }

    @Test func adjustmentsAreCheckedAndLeaveNothingChangedWhenRefused() throws {
        let base = TrafficParameters(rate: 5, skew: 0.5, amplitude: 0.5)
        #expect(throws: TrafficAdjustment.Refusal.self) { try base.adjusted(.init(rate: -1)).get() }
        #expect(throws: TrafficAdjustment.Refusal.self) { try base.adjusted(.init(skew: 1.01)).get() }
        #expect(throws: TrafficAdjustment.Refusal.self) { try base.adjusted(.init(rate: 10, amplitude: .nan)).get() }
        #expect(try base.adjusted(.init(rate: 10)).get() == TrafficParameters(rate: 10, skew: 0.5, amplitude: 0.5))
        #expect(try base.adjusted(.init(paused: true)).get().paused)
    }
}
