import FleetModel
import Foundation
import Testing
import ZeroMQ
#if canImport(Glibc)
import Glibc
#endif

/// Supervision with real processes: hung instances, instances that keep dying, a supervisor
/// that is itself stopped, concurrent clients and a stranger on the instance endpoint.
extension MultiProcessTests {
@Suite(.serialized)
struct SupervisionTests {
    @Test func anInstanceStoppedWithSIGSTOPIsKilledAsHungAndRestarted() async throws {
        let fleet = try TestFleet(name: "hung", instances: 2, basePort: 24081)
        defer { fleet.tearDown() }
        try await fleet.up()
        let hung = try #require(try fleet.status().first { $0.id == "svc-01" }?.pid)
        kill(hung, SIGSTOP)
        // Three missed heartbeats (3 s), the kill, the reaping, a 100 ms backoff, a new process.
        try await waitUntil(timeout: .seconds(20), "svc-01 back with a new process") {
            guard let row = try fleet.status().first(where: { $0.id == "svc-01" }) else { return false }
            return row.state == "up" && row.pid != nil && row.pid != hung
        }
        #expect(!ProcessTable.isAlive(hung), "the hung process was killed")
        #expect(try fleet.status().first { $0.id == "svc-01" }?.restarts == 1)
        #expect(fleet.log.contains("instance hung, killing"))
        #expect(try fleet.status().first { $0.id == "svc-02" }?.restarts == 0, "its neighbour is untouched")
    }

    @Test func anInstanceThatKeepsDyingBacksOffDoublingAndEndsDown() async throws {
        let backoff = try TestFleet(
            name: "backoff", instances: 2, basePort: 24181,
            supervisor: "{ metrics_port: 0, max_restarts: 3, restart_backoff: 400ms, restart_backoff_max: 10s }")
        defer { backoff.tearDown() }
        try await backoff.up()
        let events = try EventRecorder(fleet: backoff)
        defer { events.stop() }
        try await events.waitUntilSubscribed(probing: 1)

        var lastPID: Int32?
        for round in 1...4 {
            let pid = try await waitForNewProcess(of: "svc-02", in: backoff, after: lastPID)
            lastPID = pid
            kill(pid, SIGKILL)
            if round < 4 { try await events.waitFor("instance.restarted", count: round) }
        }
        try await waitUntil(timeout: .seconds(10), "svc-02 given up") {
            try backoff.status().first { $0.id == "svc-02" }?.state == "down"
        }
        let row = try #require(try backoff.status().first { $0.id == "svc-02" })
        #expect(row.restarts == 3)
        #expect(row.pid == nil, "a down instance shows no pid")
        // The delays between each death and its restart double: 400 ms, 800 ms, 1.6 s.
        let downs = events.times(of: "instance.down", instance: "svc-02")
        let restarts = events.times(of: "instance.restarted", instance: "svc-02")
        #expect(downs.count == 4 && restarts.count == 3)
        let delays = zip(downs, restarts).map { $1.timeIntervalSince($0) }
        for (delay, configured) in zip(delays, [0.4, 0.8, 1.6]) {
            #expect(delay >= configured - 0.11, "restart after \(delay) s, configured backoff \(configured) s")
        }
        #expect(delays.count == 3 && delays[2] > delays[0], "delays \(delays) grow")
        #expect(backoff.log.contains("instance keeps dying; giving up"))
        #expect(try backoff.status().first { $0.id == "svc-01" }?.state == "up")
    }

    @Test func aSupervisorStoppedPastTheHeartbeatWindowFindsItsFleetAgain() async throws {
        let fleet = try TestFleet(name: "paused", instances: 3, basePort: 24281)
        defer { fleet.tearDown() }
        try await fleet.up()
        let supervisor = try #require(fleet.supervisor).processIdentifier
        kill(supervisor, SIGSTOP)
        try await Task.sleep(for: .seconds(5))  // the pause under test, not a wait for something
        kill(supervisor, SIGCONT)
        try await waitUntil(timeout: .seconds(15), "every instance up and answering") {
            let rows = try fleet.status()
            guard rows.allSatisfy({ $0.state == "up" }) else { return false }
            for ordinal in 1...3 {
                guard (try? await TestFleet.http("GET", "http://127.0.0.1:\(fleet.port(ordinal))/scenario/health"))?.status == 200 else {
                    return false
                }
            }
            return true
        }
        let rows = try fleet.status()
        #expect(rows.allSatisfy { $0.pid.map(ProcessTable.isAlive) == true }, "up never shows a dead pid: \(rows)")
        // The instances saw their supervisor stopped, not dead: they waited for it.
        #expect(rows.allSatisfy { $0.restarts == 0 }, "restarted after the pause: \(rows)\n\(fleet.log)")
        #expect(ProcessTable.zombieChildren(of: supervisor).isEmpty)
        let down = try fleet.cli(["down"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(fleet.instanceProcessIDs().isEmpty)
    }

    /// Regression: supervision once started only after every instance answered health, so an
    /// instance that died during start-up was neither reaped nor restarted until the ready
    /// timeout ended (and 200 instances on 2 cores outlasted their heartbeat window meanwhile).
    @Test func anInstanceThatDiesDuringStartUpIsRestartedBeforeTheFleetIsReady() async throws {
        let fleet = try TestFleet(
            name: "startup", instances: 2, basePort: 24581, supervisor: "{ metrics_port: 0, ready_timeout: 60s }")
        defer { fleet.tearDown() }
        let process = try fleet.launch()
        var victim: pid_t?
        try await waitUntil(timeout: .seconds(10), "svc-02's first process") {
            victim = ProcessTable.processes(whoseCommandLineContains: fleet.dataDir)
                .first { $0.arguments.contains("instance") && $0.arguments.contains("svc-02") }?.pid
            return victim != nil
        }
        kill(try #require(victim), SIGKILL)
        // Far less than the 60 s ready timeout: the death is reaped and restarted at once.
        try await waitUntil(timeout: .seconds(20), "the fleet ready with both instances") {
            guard process.isRunning else { throw FleetTestError("fleet up exited:\n\(fleet.log)") }
            return fleet.log.contains("2 of 2 instances ready")
        }
        let row = try #require(try fleet.status().first { $0.id == "svc-02" })
        #expect(row.state == "up" && row.restarts == 1 && row.pid != victim)
        let log = fleet.log
        let died = try #require(log.range(of: "instance died; restarting"), "the death during start-up was not handled")
        let ready = try #require(log.range(of: "2 of 2 instances ready"))
        #expect(died.lowerBound < ready.lowerBound, "the restart came during the start-up wait, not after it")
    }

    @Test func twoClientsAtOnceBothGetTheirAnswers() async throws {
        let fleet = try TestFleet(name: "clients", instances: 2, basePort: 24381)
        defer { fleet.tearDown() }
        try await fleet.up()
        async let first = Task.detached { try fleet.cli(["start", "scenario1", "--instance", "svc-01"]) }.value
        async let second = Task.detached { try fleet.cli(["start", "scenario3", "--instance", "svc-02"]) }.value
        let (one, two) = try await (first, second)
        #expect(one.status == 0 && one.stdout.contains("started"), "\(one.stdout)\(one.stderr)")
        #expect(two.status == 0 && two.stdout.contains("started"), "\(two.stdout)\(two.stderr)")
        #expect(try fleet.status().map(\.scenario) == ["scenario1", "scenario3"])
    }

    @Test func aRegistrationFromAProcessTheSupervisorDidNotSpawnIsRefused() async throws {
        let fleet = try TestFleet(
            name: "stranger", instances: 2, basePort: 24481, supervisor: "{ metrics_port: 0, max_restarts: 0 }")
        defer { fleet.tearDown() }
        try await fleet.up()
        // svc-02 dies for good, so its routing id is free: ZeroMQ accepts a stranger under it and
        // only the supervisor's own check (the pid it spawned) stands in the way.
        let pid = try #require(try fleet.status().first { $0.id == "svc-02" }?.pid)
        kill(pid, SIGKILL)
        try await waitUntil(timeout: .seconds(5), "svc-02 down") { try fleet.status().first { $0.id == "svc-02" }?.state == "down" }

        let context = try ZMQContext()
        defer { context.shutdown() }
        let stranger = try context.makeSocket(.dealer)
        defer { stranger.close() }
        try stranger.setRoutingID(Array("svc-02".utf8))
        try stranger.connect("ipc://\(fleet.dataDir)/instances.sock")
        let claim = InstanceReport(instance: "svc-02", scenario: nil, .register(pid: getpid(), port: fleet.port(2)))
        _ = try stranger.send([ControlProtocol.encode(claim)], wait: true)
        try await waitUntil(timeout: .seconds(5), "the refusal in the log") {
            fleet.log.contains("refused registration from a process we did not spawn")
        }
        let row = try #require(try fleet.status().first { $0.id == "svc-02" })
        #expect(row.state == "down" && row.pid == nil)
    }

    /// Waits until `id` runs a process other than `previous`, up, and returns its pid.
    private func waitForNewProcess(of id: String, in fleet: TestFleet, after previous: Int32?) async throws -> Int32 {
        var found: Int32?
        try await waitUntil(timeout: .seconds(15), "\(id) up with a new process") {
            guard let row = try fleet.status().first(where: { $0.id == id }), row.state == "up", let pid = row.pid, pid != previous else {
                return false
            }
            found = pid
            return true
        }
        return try #require(found)
    }
}
}
