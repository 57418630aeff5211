import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real 3-instance fleet: bring-up, commands through the CLI and over HTTP, restarts, and
/// shutdown without orphans or leftover files. Serialized: each fleet uses the 2-core machine.
extension MultiProcessTests {
@Suite(.serialized)
struct FleetLifecycleTests {
    @Test func fleetComesUpAndTheCLIStartsAndStopsScenarios() async throws {
        let fleet = try TestFleet(name: "cli", basePort: 21081)
        defer { fleet.tearDown() }
        try await fleet.up()

        let rows = try fleet.status()
        #expect(rows.map(\.id) == ["svc-01", "svc-02", "svc-03"])
        #expect(rows.map(\.url) == (1...3).map { "http://127.0.0.1:\(fleet.port($0))" })
        #expect(rows.allSatisfy { $0.scenario == nil && $0.restarts == 0 && $0.pid != nil })

        let start = try fleet.cli(["start", "scenario1", "--instance", "svc-02"])
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout.contains("svc-02") && start.stdout.contains("started"))
        #expect(try fleet.status().first { $0.id == "svc-02" }?.scenario == "scenario1")
        let health = try await TestFleet.http("GET", "http://127.0.0.1:\(fleet.port(2))/scenario/health")
        #expect(health.body.contains(#""scenario1":"running""#))

        // A second scenario on the same instance is a conflict, reported and non-zero.
        let conflict = try fleet.cli(["start", "scenario2", "--instance", "svc-02"])
        #expect(conflict.status == 1)
        #expect(conflict.stdout.contains("conflict"))

        let unknown = try fleet.cli(["start", "scenario1", "--instance", "svc-09"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown instance svc-09"))

        let stop = try fleet.cli(["stop", "all", "--all"])
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(try fleet.status().allSatisfy { $0.scenario == nil })
    }

    @Test func commandsToAFleetThatIsNotRunningFailClearly() throws {
        let fleet = try TestFleet(name: "absent", basePort: 21181)
        defer { fleet.tearDown() }
        let result = try fleet.cli(["status"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the fleet is not running"))
    }

    @Test func changesMadeOverHTTPShowInStatusAndEvents() async throws {
        let fleet = try TestFleet(name: "http", basePort: 21281)
        defer { fleet.tearDown() }
        try await fleet.up()
        let events = try EventRecorder(fleet: fleet, duration: 30)
        defer { events.stop() }
        try await events.waitUntilSubscribed(probing: 2)

        let started = try await TestFleet.http("POST", "http://127.0.0.1:\(fleet.port(1))/scenario/scenario3?action=start")
        #expect(started.status == 200)
        try await waitUntil(timeout: .seconds(5), "status to show scenario3 on svc-01") {
            try fleet.status().first { $0.id == "svc-01" }?.scenario == "scenario3"
        }
        let stopped = try await TestFleet.http("POST", "http://127.0.0.1:\(fleet.port(1))/scenario/scenario3?action=stop")
        #expect(stopped.status == 200)
        try await waitUntil(timeout: .seconds(5), "status to show svc-01 idle") {
            try fleet.status().first { $0.id == "svc-01" }?.scenario == nil
        }
        var lines: [[String: Any]] = []
        try await waitUntil(timeout: .seconds(10), "svc-01's two events") {
            lines = try events.events().filter { $0["instance"] as? String == "svc-01" }
            return lines.count >= 2
        }
        #expect(lines.map { $0["event"] as? String } == ["scenario.started", "scenario.stopped"])
        #expect(lines.allSatisfy { $0["origin"] as? String == "http" })
        let sequence = lines.compactMap { $0["seq"] as? Int }
        #expect(sequence.count == 2 && sequence[1] == sequence[0] + 1)
    }

    /// How fast the restart is belongs to a benchmark (`bench/scale.sh`); here, that it comes back clean.
    @Test func aKilledInstanceIsBackClean() async throws {
        let fleet = try TestFleet(name: "restart", basePort: 21381)
        defer { fleet.tearDown() }
        try await fleet.up()
        #expect(try fleet.cli(["start", "scenario2", "--instance", "svc-03"]).status == 0)
        let fillFolder = fleet.dataDir + "/svc-03/scenario2"
        try await waitUntil(timeout: .seconds(5), "disk files of scenario2") {
            ((try? FileManager.default.contentsOfDirectory(atPath: fillFolder)) ?? []).count >= 2
        }
        let before = try #require(try fleet.status().first { $0.id == "svc-03" }?.pid)

        kill(before, SIGKILL)
        try await waitUntil(timeout: .seconds(15), "svc-03 to answer health again") {
            guard let row = try? fleet.status().first(where: { $0.id == "svc-03" }), row.pid != before, row.state == "up" else { return false }
            return (try? await TestFleet.http("GET", "http://127.0.0.1:\(fleet.port(3))/scenario/health"))?.status == 200
        }
        let row = try #require(try fleet.status().first { $0.id == "svc-03" })
        #expect(row.restarts == 1)
        #expect(row.scenario == nil)
        #expect(!FileManager.default.fileExists(atPath: fillFolder), "the restarted instance must come back without its old disk files")
        let health = try await TestFleet.http("GET", "http://127.0.0.1:\(fleet.port(3))/scenario/health")
        #expect(health.body.contains(#""scenario2":"stopped""#))
    }

    @Test func sigtermStopsTheFleetAndLeavesNothingBehind() async throws {
        let fleet = try TestFleet(name: "sigterm", basePort: 21481)
        defer { fleet.tearDown() }
        try await fleet.up()
        #expect(try fleet.cli(["start", "scenario2", "--instance", "svc-01"]).status == 0)
        #expect(try fleet.cli(["start", "scenario1", "--instance", "svc-02"]).status == 0)
        try await waitUntil(timeout: .seconds(5), "disk files") {
            FileManager.default.fileExists(atPath: fleet.dataDir + "/svc-01/scenario2")
        }
        let supervisor = try #require(fleet.supervisor)
        let started = ContinuousClock.now
        kill(supervisor.processIdentifier, SIGTERM)
        try await waitUntil(timeout: .seconds(5), "the supervisor to exit") { !supervisor.isRunning }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(supervisor.terminationReason == .exit && supervisor.terminationStatus == 0)
        #expect(fleet.instanceProcessIDs().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir), "left: \((try? FileManager.default.subpathsOfDirectory(atPath: fleet.dataDir)) ?? [])")
    }

    @Test func fleetDownStopsTheFleetLikeCtrlC() async throws {
        let fleet = try TestFleet(name: "down", basePort: 21581)
        defer { fleet.tearDown() }
        try await fleet.up()
        let down = try fleet.cli(["down"])
        #expect(down.status == 0, "\(down.stderr)")
        let supervisor = try #require(fleet.supervisor)
        try await waitUntil(timeout: .seconds(5), "the supervisor to exit") { !supervisor.isRunning }
        #expect(supervisor.terminationStatus == 0)
        #expect(fleet.instanceProcessIDs().isEmpty)
    }

    @Test func aKilledSupervisorLeavesNoOrphans() async throws {
        let fleet = try TestFleet(name: "orphans", basePort: 21681)
        defer { fleet.tearDown() }
        try await fleet.up()
        #expect(try fleet.cli(["start", "scenario2", "--instance", "svc-02"]).status == 0)
        #expect(fleet.instanceProcessIDs().count == 3)
        let supervisor = try #require(fleet.supervisor)
        kill(supervisor.processIdentifier, SIGKILL)
        supervisor.waitUntilExit()
        try await waitUntil(timeout: .seconds(3), "every instance to exit") { fleet.instanceProcessIDs().isEmpty }
        // The instance cleaned its disk files on the way out.
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir + "/svc-02/scenario2"))
    }

    @Test func aSecondSupervisorOnTheSameDataFolderIsRefused() async throws {
        let fleet = try TestFleet(name: "lock", basePort: 21781)
        defer { fleet.tearDown() }
        try await fleet.up()
        let second = try fleet.cli(["up", "--base-port", "21881"])
        #expect(second.status != 0)
        #expect(second.stderr.contains("another fleet supervisor is running"))
    }
}
}
