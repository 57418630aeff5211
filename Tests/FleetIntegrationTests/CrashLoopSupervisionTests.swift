import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// scenario7 with a real supervisor: the instance process exits with status 1 every interval,
/// is restarted, and comes back crashing until the scenario is stopped; those exits never make
/// the supervisor give up on it (`max_restarts` is 1 here), and a stop ends the loop for good.
extension MultiProcessTests {
@Suite(.serialized)
struct CrashLoopSupervisionTests {
    @Test func crashLoopRestartsWithoutUsingUpMaxRestartsAndEndsOnStop() async throws {
        let fleet = try TestFleet(
            name: "crashloop", instances: 2, basePort: 24081,
            scenarios: "{ scenario7: { interval: 1s } }",
            supervisor: "{ metrics_port: 0, max_restarts: 1, restart_backoff: 100ms, restart_backoff_max: 1s }")
        defer { fleet.tearDown() }
        try await fleet.up()
        let firstPID = try #require(try fleet.status().first { $0.id == "svc-01" }?.pid)

        let start = try fleet.cli(["start", "scenario7", "--instance", "svc-01"])
        #expect(start.status == 0 && start.stdout.contains("started"), "\(start.stdout)\(start.stderr)")

        // Four restarts, each an exit with status 1 (the supervisor logs the termination): with
        // max_restarts 1, counting them would have marked the instance down after the second.
        var seenScenarioAfterRestart = false
        var states: Set<String> = []
        try await waitUntil(timeout: .seconds(40), "four crash-loop restarts of svc-01") {
            guard let row = try fleet.status().first(where: { $0.id == "svc-01" }) else { return false }
            states.insert(row.state)
            if row.state == "down" { throw FleetTestError("svc-01 was given up on after \(row.restarts) restarts:\n\(fleet.log)") }
            if row.restarts >= 1 && row.scenario == "scenario7" { seenScenarioAfterRestart = true }
            return row.restarts >= 4
        }
        #expect(!states.contains("down"), "svc-01 was given up on: states \(states)\n\(fleet.log)")
        #expect(seenScenarioAfterRestart, "fleet status never showed scenario7 after a restart")
        #expect(fleet.log.contains("exited with status 1"), "no exit with status 1 in the supervisor's log:\n\(fleet.log)")
        let rows = try fleet.status()
        #expect(rows.first { $0.id == "svc-01" }?.pid != firstPID)
        #expect(rows.first { $0.id == "svc-02" }?.restarts == 0, "the other instance must not be touched")

        // Stop: between two crashes the instance may be restarting (unavailable); try again then.
        try await waitUntil(timeout: .seconds(20), "scenario7 stopped on svc-01") {
            let stop = try fleet.cli(["stop", "scenario7", "--instance", "svc-01"])
            return stop.stdout.contains("stopped")
        }
        let marker = fleet.dataDir + "/svc-01/scenario7.crashloop"
        #expect(!FileManager.default.fileExists(atPath: marker), "the crash-loop marker outlived the stop")
        let restartsAtStop = try #require(try fleet.status().first { $0.id == "svc-01" }?.restarts)
        // Three more intervals without a crash: the loop is over.
        try await Task.sleep(for: .seconds(3))
        let after = try #require(try fleet.status().first { $0.id == "svc-01" })
        #expect(after.restarts == restartsAtStop, "svc-01 kept restarting after the stop")
        #expect(after.state == "up" && after.scenario == nil)
    }
}
}
