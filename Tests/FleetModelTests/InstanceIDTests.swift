import Testing

import FleetModel

/// Instance ids and ports, which name processes, folders, Prometheus targets and `chaos.exclude` entries.
@Suite("Instance ids")
struct InstanceIDTests {
    private func config(instances: Int, basePort: Int = 8081) -> FleetConfig {
        var config = FleetConfig()
        config.fleet.instances = instances
        config.fleet.basePort = basePort
        return config
    }

    @Test func defaultFleet() {
        let config = FleetConfig()
        #expect(config.instanceIDs == ["svc-01", "svc-02", "svc-03", "svc-04", "svc-05"])
        #expect((1...5).map(config.port(ordinal:)) == [8081, 8082, 8083, 8084, 8085])
    }

    @Test("width grows with the fleet", arguments: [
        (1, ["svc-01", "svc-01"], 2),
        (9, ["svc-01", "svc-09"], 2),
        (10, ["svc-01", "svc-10"], 2),
        (99, ["svc-01", "svc-99"], 2),
        (100, ["svc-001", "svc-100"], 3),
        (500, ["svc-001", "svc-500"], 3),
    ])
    func width(instances: Int, firstAndLast: [String], width: Int) {
        let config = config(instances: instances)
        #expect(config.instanceIDs.count == instances)
        #expect([config.instanceIDs.first, config.instanceIDs.last].compactMap { $0 } == firstAndLast)
        #expect(config.instanceIDWidth == width)
        // Zero padding keeps lexical order equal to numeric order (sorting `svc-10` after `svc-9`).
        #expect(config.instanceIDs.sorted() == config.instanceIDs)
        #expect(Set(config.instanceIDs).count == instances)
    }

    @Test func hundredInstances() {
        let config = config(instances: 100, basePort: 20000)
        #expect(config.instanceIDs.prefix(3) == ["svc-001", "svc-002", "svc-003"])
        #expect(config.instanceID(ordinal: 42) == "svc-042")
        #expect(config.port(ordinal: 1) == 20000)
        #expect(config.port(ordinal: 100) == 20099)
    }

    @Test func idsAndPortsOfALoadedFleet() throws {
        let config = try parseConfig("fleet: { instances: 12, base_port: 9200 }")
        #expect(config.instanceIDs.last == "svc-12")
        #expect(config.port(ordinal: 12) == 9211)
    }
}
