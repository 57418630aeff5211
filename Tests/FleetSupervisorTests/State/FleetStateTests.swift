import FleetChaos
import FleetModel
import Testing
@testable import FleetSupervisor

/// Every supervision rule, without a process: the clock is passed in.
@Suite struct FleetStateTests {
    let start = ContinuousClock.now

    func fleet(instances: Int = 3, maxRestarts: Int = 5) -> FleetState {
        var config = FleetConfig()
        config.fleet.instances = instances
        config.supervisor.maxRestarts = maxRestarts
        config.supervisor.restartBackoff = .milliseconds(100)
        config.supervisor.restartBackoffMax = .seconds(5)
        config.supervisor.heartbeatInterval = .seconds(1)
        config.supervisor.heartbeatMisses = 3
        config.supervisor.readyTimeout = .seconds(15)
        return FleetState(config: config)
    }

    /// Spawns and registers `id` with `pid` at `time` seconds.
    func up(_ state: inout FleetState, _ id: String, pid: Int32, at time: Double = 0) {
        state.spawned(id, pid: pid, at: start + .seconds(time))
        #expect(state.register(id, pid: pid, at: start + .seconds(time)) == .accepted)
    }

    @Test func aSpawnedInstanceStartsThenIsUpOnceItsOwnProcessRegisters() {
        var state = fleet()
        state.spawned("svc-01", pid: 100, at: start)
        #expect(state.instances["svc-01"]?.state == .starting)
        #expect(state.register("svc-01", pid: 999, at: start) == .refused, "only the spawned pid may register")
        #expect(state.instances["svc-01"]?.state == .starting)
        #expect(state.register("svc-01", pid: 100, at: start) == .accepted)
        #expect(state.statuses[0] == InstanceStatus(id: "svc-01", url: "http://127.0.0.1:8081", pid: 100, state: .up, scenario: nil, restarts: 0))
        #expect(state.registeredIDs == ["svc-01"])
    }

    @Test func aRegistrationThatOvertakesItsSpawnIsKeptUntilTheSpawnIsRecorded() {
        var state = fleet()
        #expect(state.register("svc-02", pid: 200, at: start) == .deferred)
        let upWithSpawn = state.spawned("svc-02", pid: 200, at: start)
        #expect(upWithSpawn, "the early registration is accepted with the spawn")
        #expect(state.instances["svc-02"]?.state == .up)
        #expect(state.register("svc-03", pid: 300, at: start) == .deferred)
        let otherPid = state.spawned("svc-03", pid: 301, at: start)
        #expect(!otherPid, "another pid's claim is not taken")
        #expect(state.instances["svc-03"]?.registered == false)
    }

    @Test func nobodyRegistersForAnInstanceThatIsDownForGood() {
        var state = fleet(maxRestarts: 0)
        up(&state, "svc-01", pid: 100)
        #expect(state.died("svc-01", at: start)?.next == .givenUp(failures: 1))
        #expect(state.register("svc-01", pid: 4242, at: start) == .refused)
    }

    @Test func unknownIdsAreRefusedAndUnregisteredSendersDropped() {
        var state = fleet()
        #expect(state.register("intruder", pid: 1, at: start) == .refused)
        state.spawned("svc-01", pid: 100, at: start)
        #expect(state.heard("svc-01", scenario: .scenario1, at: start) == .dropped)
    }

    @Test func scenarioChangesAreReportedOnce() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        #expect(state.heard("svc-01", scenario: .scenario3, at: start) == .changed(previous: nil, current: .scenario3))
        #expect(state.heard("svc-01", scenario: .scenario3, at: start) == .unchanged)
        #expect(state.heard("svc-01", scenario: .scenario1, at: start) == .changed(previous: .scenario3, current: .scenario1))
        #expect(state.heard("svc-01", scenario: nil, at: start) == .changed(previous: .scenario1, current: nil))
    }

    @Test func backoffDoublesPerFailureUpToItsCap() {
        let policy = fleet().policy
        #expect((1...8).map { policy.backoff(afterFailures: $0) } == [
            .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
            .milliseconds(1600), .milliseconds(3200), .seconds(5), .seconds(5),
        ])
    }

    @Test func aDeadInstanceIsRestartedWhenItsBackoffIsDueAndLosesItsScenario() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        _ = state.heard("svc-01", scenario: .scenario2, at: start)
        let death = state.died("svc-01", at: start + .seconds(1))
        #expect(death == FleetState.Death(lostScenario: .scenario2, next: .restart(after: .milliseconds(100))))
        #expect(state.instances["svc-01"]?.pid == nil)
        #expect(state.instances["svc-01"]?.state == .starting, "never `up` with a dead pid")
        #expect(state.supervise(at: start + .milliseconds(1050)).isEmpty, "not due yet")
        #expect(state.supervise(at: start + .milliseconds(1100)) == [.respawn(id: "svc-01")])
        #expect(state.supervise(at: start + .milliseconds(1200)).isEmpty, "a respawn is asked for once")
        state.spawned("svc-01", pid: 101, at: start + .milliseconds(1200))
        #expect(state.countRestart("svc-01") == 1)
        #expect(state.died("svc-01", at: start + .seconds(2)) != nil)
    }

    @Test func anInstanceThatKeepsDyingEndsDownAfterMaxRestarts() {
        var state = fleet(maxRestarts: 3)
        var now = start
        var delays: [Duration] = []
        for attempt in 0..<4 {
            state.spawned("svc-01", pid: Int32(100 + attempt), at: now)
            switch state.died("svc-01", at: now)?.next {
            case .restart(let delay)?:
                delays.append(delay)
                now += delay
                #expect(state.supervise(at: now) == [.respawn(id: "svc-01")])
            case .givenUp(let failures)?:
                #expect(failures == 4)
                #expect(attempt == 3)
            default:
                Issue.record("unexpected outcome")
            }
        }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400)])
        #expect(state.instances["svc-01"]?.state == .down)
        #expect(state.supervise(at: now + .seconds(60)).isEmpty, "a given-up instance is never respawned")
    }

    @Test func failuresAreForgivenAfterTheStablePeriod() {
        var state = fleet(maxRestarts: 1)
        up(&state, "svc-01", pid: 100)
        _ = state.died("svc-01", at: start)
        up(&state, "svc-01", pid: 101, at: 1)
        #expect(state.instances["svc-01"]?.consecutiveFailures == 1)
        // Heartbeats keep it alive meanwhile.
        for second in stride(from: 2.0, through: 32, by: 1) {
            _ = state.heard("svc-01", scenario: nil, at: start + .seconds(second))
            _ = state.supervise(at: start + .seconds(second))
        }
        #expect(state.instances["svc-01"]?.consecutiveFailures == 0)
        #expect(state.died("svc-01", at: start + .seconds(33))?.next == .restart(after: .milliseconds(100)))
    }

    @Test func aSilentInstanceIsKilledOnceAfterMissedHeartbeats() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        // A running supervisor checks all along (a check after a silence of its own is a pause).
        #expect(state.supervise(at: start + .seconds(1)).isEmpty)
        #expect(state.supervise(at: start + .seconds(2)).isEmpty)
        #expect(state.supervise(at: start + .seconds(3)).isEmpty, "exactly three intervals: not yet")
        #expect(state.supervise(at: start + .milliseconds(3100)) == [.kill(id: "svc-01", pid: 100)])
        #expect(state.supervise(at: start + .milliseconds(3200)).isEmpty, "killed once; the reaping follows")
    }

    @Test func aSupervisorPauseIsNotHeldAgainstItsInstances() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        #expect(state.supervise(at: start + .seconds(1)).isEmpty)
        // The supervisor was stopped for 5 s: no tick, no message handled.
        #expect(state.supervise(at: start + .seconds(6)).isEmpty, "not killed for the supervisor's own pause")
        _ = state.heard("svc-01", scenario: nil, at: start + .milliseconds(6050))
        #expect(state.supervise(at: start + .seconds(8)).isEmpty)
    }

    @Test func anUnregisteredInstanceGetsTheReadyTimeout() {
        var state = fleet()
        state.spawned("svc-01", pid: 100, at: start)
        #expect(state.supervise(at: start + .seconds(10)).isEmpty)
        #expect(state.supervise(at: start + .milliseconds(15_100)) == [.kill(id: "svc-01", pid: 100)])
    }

    @Test func duringShutdownDeathsAreFinalAndNothingRestarts() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        _ = state.died("svc-02", at: start)  // never spawned: nothing to record
        state.spawned("svc-02", pid: 200, at: start)
        _ = state.died("svc-02", at: start)
        state.beginShutdown()
        #expect(state.died("svc-01", at: start)?.next == .stays)
        #expect(state.supervise(at: start + .seconds(10)).isEmpty)
        #expect(state.statuses.map(\.state) == [.down, .down, .down])
        #expect(state.register("svc-03", pid: 300, at: start) == .refused)
    }

    @Test func selectionByIdsAllAndErrors() {
        var state = fleet()
        var generator = SeededGenerator(seed: 1)
        #expect(state.select(.all, using: &generator) == .success(["svc-01", "svc-02", "svc-03"]))
        #expect(state.select(.ids(["svc-03", "svc-01", "svc-03"]), using: &generator) == .success(["svc-03", "svc-01"]))
        #expect(state.select(.ids([]), using: &generator).failureCode == "no_instances")
        #expect(state.select(.ids(["svc-09"]), using: &generator).failureCode == "unknown_instance")
        #expect(state.select(.random(0), using: &generator).failureCode == "bad_selection")
        up(&state, "svc-01", pid: 1)
        #expect(state.select(.random(5), using: &generator).successCount == 3, "k larger than the fleet takes all")
    }

    @Test func randomSelectionTakesIdleInstancesFirstAndIsSeeded() {
        var state = fleet(instances: 6)
        for (index, id) in state.order.enumerated() { up(&state, id, pid: Int32(100 + index)) }
        _ = state.heard("svc-01", scenario: .scenario1, at: start)
        _ = state.heard("svc-02", scenario: .scenario3, at: start)
        _ = state.died("svc-03", at: start)
        for seed in UInt64(1)...20 {
            var generator = SeededGenerator(seed: seed)
            guard case .success(let chosen) = state.select(.random(3), using: &generator) else {
                Issue.record("selection failed")
                continue
            }
            #expect(Set(chosen) == ["svc-04", "svc-05", "svc-06"], "the three idle ones first")
            var again = SeededGenerator(seed: seed)
            #expect(state.select(.random(3), using: &again) == .success(chosen), "the same seed, the same choice")
        }
        var generator = SeededGenerator(seed: 3)
        guard case .success(let five) = state.select(.random(5), using: &generator) else { return }
        #expect(Set(five.prefix(3)) == ["svc-04", "svc-05", "svc-06"])
    }

    @Test func chaosTouchesOnlyIdleInstancesThatAreUp() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        up(&state, "svc-02", pid: 200)
        _ = state.heard("svc-02", scenario: .scenario1, at: start)
        #expect(state.chaosEligibility(of: "svc-01") == .eligible)
        #expect(state.chaosEligibility(of: "svc-02") == .busy(.scenario1))
        #expect(state.chaosEligibility(of: "svc-03") == .down)
        #expect(state.chaosEligibility(of: "svc-99") == .down)
    }
}

extension Result where Success == [String], Failure == FleetState.SelectionError {
    var failureCode: String? {
        if case .failure(let error) = self { return error.code }
        return nil
    }

    var successCount: Int? {
        if case .success(let ids) = self { return ids.count }
        return nil
    }
}

extension FleetStateTests {
    @Test func crashLoopExitsAreRestartsThatDoNotUseUpTheBudget() {
        var state = fleet(maxRestarts: 1)
        for round in 0..<5 {
            up(&state, "svc-01", pid: Int32(100 + round), at: Double(round))
            _ = state.heard("svc-01", scenario: .scenario7, at: start + .seconds(Double(round)))
            let death = state.died("svc-01", exitStatus: RestartAccounting.crashLoopExitStatus, at: start + .seconds(Double(round) + 0.5))
            #expect(death?.next == .restart(after: .milliseconds(100)), "round \(round)")
        }
        up(&state, "svc-01", pid: 200, at: 10)
        _ = state.heard("svc-01", scenario: .scenario7, at: start + .seconds(10))
        #expect(state.died("svc-01", exitStatus: nil, at: start + .seconds(11))?.next == .restart(after: .milliseconds(100)),
                "a kill by signal during the loop counts")
        up(&state, "svc-01", pid: 201, at: 12)
        #expect(state.died("svc-01", exitStatus: 1, at: start + .seconds(13))?.next == .givenUp(failures: 2),
                "status 1 without scenario7 counts")
    }
}

extension FleetStateTests {
    @Test func aCrashLoopStaysOnThroughItsRestarts() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        _ = state.heard("svc-01", scenario: .scenario7, at: start)
        let death = state.died("svc-01", exitStatus: 1, at: start + .seconds(1))
        #expect(death == FleetState.Death(lostScenario: nil, next: .restart(after: .milliseconds(100))), "no scenario.stopped for its own exit")
        #expect(state.statuses[0].scenario == .scenario7 && state.statuses[0].state == .starting)
        state.spawned("svc-01", pid: 101, at: start + .seconds(1.1))
        #expect(state.statuses[0].scenario == .scenario7, "shown through the restart")
        #expect(state.register("svc-01", pid: 101, at: start + .seconds(1.2)) == .accepted)
        #expect(state.heard("svc-01", scenario: .scenario7, at: start + .seconds(1.2)) == .unchanged, "resumed: nothing changed")
    }

    @Test func aStopDuringACrashLoopRestartWaitsForTheNewProcess() {
        var state = fleet()
        up(&state, "svc-01", pid: 100)
        _ = state.heard("svc-01", scenario: .scenario7, at: start)
        _ = state.died("svc-01", exitStatus: 1, at: start + .seconds(1))
        let kept = state.deferStop("svc-01")
        #expect(kept)
        let keptForIdle = state.deferStop("svc-02")
        #expect(!keptForIdle, "an instance that is not in a crash loop has nothing to wait for")
        state.spawned("svc-01", pid: 101, at: start + .seconds(1.1))
        #expect(state.register("svc-01", pid: 101, at: start + .seconds(1.2)) == .accepted)
        let first = state.takePendingStop("svc-01")
        let second = state.takePendingStop("svc-01")
        #expect(first)
        #expect(!second, "sent once")
    }
}
