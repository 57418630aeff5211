import FleetModel
import Synchronization
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// The controller runs one scenario at a time, answers repeated and conflicting requests the
    /// HTTP way, waits for a stopped scenario to release what it holds, and reports every change.
    @Suite("Scenario controller")
    struct ScenarioControllerTests {
        /// A scenario whose release waits for `gate` after cancellation.
        struct GatedScenario: FailureScenario {
            var alias: ScenarioAlias
            var log: EventLog
            var gate: Gate

            func run() async {
                log.record("run \(alias.rawValue)")
                try? await Task.sleep(for: .seconds(3600))
                log.record("releasing \(alias.rawValue)")
                await gate.wait()
                log.record("released \(alias.rawValue)")
            }
        }

        @Test("one at a time: start, 304 on a repeat, 409 for another, 304 for stopping another")
        func oneAtATime() async {
            let controller = ScenarioController { _ in IdleScenario() }
            #expect(controller.current == nil)
            #expect(controller.start(.scenario1, origin: .http) == .started)
            #expect(controller.current == .scenario1)
            #expect(controller.start(.scenario1, origin: .http) == .alreadyRunning)
            #expect(controller.start(.scenario2, origin: .supervisor) == .conflict(running: .scenario1))
            #expect(controller.start(.scenario3, origin: .http) == .conflict(running: .scenario1))
            #expect(await controller.stop(.scenario2, origin: .http) == .notRunning)
            #expect(controller.current == .scenario1)
            #expect(await controller.stop(.scenario1, origin: .http) == .stopped)
            #expect(controller.current == nil)
            #expect(await controller.stop(.scenario1, origin: .http) == .notRunning)
            #expect(controller.start(.scenario3, origin: .http) == .started)
            #expect(await controller.stopAll(origin: .shutdown) == .scenario3)
        }

        @Test("each start builds a fresh runner for its alias")
        func buildsRunnersPerAlias() async {
            let log = EventLog()
            let controller = ScenarioController { alias in
                log.record("make \(alias.rawValue)")
                return IdleScenario()
            }
            _ = controller.start(.scenario2, origin: .http)
            _ = controller.start(.scenario2, origin: .http)
            _ = controller.start(.scenario1, origin: .http)
            _ = await controller.stop(.scenario2, origin: .http)
            _ = controller.start(.scenario2, origin: .http)
            _ = await controller.stopAll(origin: .http)
            #expect(log.events == ["make scenario2", "make scenario2"])
        }

        @Test("stop returns only after the scenario has released what it held")
        func stopWaitsForRelease() async {
            let log = EventLog()
            let controller = ScenarioController { alias in
                RecordingScenario(alias: alias, log: log, releaseDuration: .milliseconds(150))
            }
            #expect(controller.start(.scenario1, origin: .http) == .started)
            let running = await poll(timeout: .seconds(2)) { log.contains("run scenario1") }
            #expect(running)
            let outcome = await controller.stop(.scenario1, origin: .http)
            #expect(outcome == .stopped)
            #expect(log.events == ["run scenario1", "releasing scenario1", "released scenario1"])
        }

        @Test("while a scenario releases, starts are refused and it still counts as current")
        func startsRefusedWhileStopping() async {
            let log = EventLog()
            let gate = Gate()
            let controller = ScenarioController { alias in GatedScenario(alias: alias, log: log, gate: gate) }
            _ = controller.start(.scenario1, origin: .http)
            let running = await poll(timeout: .seconds(2)) { log.contains("run scenario1") }
            #expect(running)

            let stopping = Task { await controller.stop(.scenario1, origin: .http) }
            let releasing = await poll(timeout: .seconds(2)) { log.contains("releasing scenario1") }
            #expect(releasing)
            #expect(controller.current == .scenario1)
            #expect(controller.start(.scenario2, origin: .http) == .conflict(running: .scenario1))
            #expect(controller.start(.scenario1, origin: .http) == .alreadyRunning)
            #expect(await controller.stop(.scenario1, origin: .http) == .notRunning)
            #expect(!log.contains("released scenario1"))

            gate.open()
            let outcome = await withDeadline(.seconds(2)) { await stopping.value }
            #expect(outcome == .stopped)
            #expect(log.contains("released scenario1"))
            #expect(controller.current == nil)
            #expect(controller.start(.scenario2, origin: .http) == .started)
            #expect(await controller.stopAll(origin: .http) == .scenario2)
        }

        @Test("changes() delivers started and stopped with their origin, to every subscriber")
        func changes() async {
            let controller = ScenarioController { _ in IdleScenario() }
            let first = controller.changes()
            let second = controller.changes()
            let collect: @Sendable (AsyncStream<ScenarioChange>, Int) async -> [ScenarioChange] = { stream, count in
                var changes: [ScenarioChange] = []
                for await change in stream {
                    changes.append(change)
                    if changes.count == count { break }
                }
                return changes
            }
            let firstCollector = Task { await collect(first, 4) }
            let secondCollector = Task { await collect(second, 4) }

            _ = controller.start(.scenario2, origin: .http)
            _ = controller.start(.scenario2, origin: .http)  // 304: no change
            _ = controller.start(.scenario1, origin: .http)  // 409: no change
            _ = await controller.stop(.scenario1, origin: .http)  // 304: no change
            _ = await controller.stop(.scenario2, origin: .supervisor)
            _ = controller.start(.scenario3, origin: .supervisor)
            #expect(await controller.stopAll(origin: .shutdown) == .scenario3)
            #expect(await controller.stopAll(origin: .shutdown) == nil)

            let expected = [
                ScenarioChange(alias: .scenario2, running: true, origin: .http),
                ScenarioChange(alias: .scenario2, running: false, origin: .supervisor),
                ScenarioChange(alias: .scenario3, running: true, origin: .supervisor),
                ScenarioChange(alias: .scenario3, running: false, origin: .shutdown),
            ]
            #expect(await withDeadline(.seconds(2)) { await firstCollector.value } == expected)
            #expect(await withDeadline(.seconds(2)) { await secondCollector.value } == expected)
        }

        @Test("a late subscriber sees only later changes; a cancelled subscriber is dropped")
        func lateAndCancelledSubscribers() async {
            let controller = ScenarioController { _ in IdleScenario() }
            _ = controller.start(.scenario1, origin: .http)
            let late = controller.changes()
            let abandoned = Task { for await _ in controller.changes() {} }
            abandoned.cancel()
            await abandoned.value
            let collector = Task { () -> ScenarioChange? in
                for await change in late { return change }
                return nil
            }
            _ = await controller.stop(.scenario1, origin: .http)
            let change = await withDeadline(.seconds(2)) { await collector.value }
            #expect(change == ScenarioChange(alias: .scenario1, running: false, origin: .http))
        }

        @Test("stop with a completion: notRunning at once on the caller's thread, stopped once released")
        func stopWithCompletion() async {
            let log = EventLog()
            let gate = Gate()
            let controller = ScenarioController { alias in GatedScenario(alias: alias, log: log, gate: gate) }

            let answers = Mutex<[ScenarioController.StopOutcome]>([])
            controller.stop(.scenario1, origin: .supervisor) { outcome in answers.withLock { $0.append(outcome) } }
            #expect(answers.withLock { $0 } == [.notRunning])

            #expect(controller.start(.scenario1, origin: .supervisor) == .started)
            let running = await poll(timeout: .seconds(2)) { log.contains("run scenario1") }
            #expect(running)
            controller.stop(.scenario1, origin: .supervisor) { outcome in answers.withLock { $0.append(outcome) } }
            let releasing = await poll(timeout: .seconds(2)) { log.contains("releasing scenario1") }
            #expect(releasing)
            // Still releasing: no answer yet, and the scenario still counts as current.
            #expect(answers.withLock { $0 } == [.notRunning])
            #expect(controller.current == .scenario1)

            gate.open()
            let answered = await poll(timeout: .seconds(2)) { answers.withLock { $0.count } == 2 }
            #expect(answered)
            #expect(answers.withLock { $0 } == [.notRunning, .stopped])
            #expect(log.contains("released scenario1"))
            #expect(controller.current == nil)
        }

        @Test("a scenario that never releases cannot wedge the controller: stop ends after the release timeout")
        func stopIsBounded() async {
            let log = EventLog()
            let gate = Gate()  // never opened
            let controller = ScenarioController { alias in GatedScenario(alias: alias, log: log, gate: gate) }
            #expect(controller.start(.scenario2, origin: .http) == .started)
            let running = await poll(timeout: .seconds(2)) { log.contains("run scenario2") }
            #expect(running)

            let began = ContinuousClock.now
            let outcome = await withDeadline(ScenarioController.releaseTimeout + .seconds(3)) {
                await controller.stop(.scenario2, origin: .http)
            }
            let took = ContinuousClock.now - began
            #expect(outcome == .stopped)
            #expect(took >= ScenarioController.releaseTimeout, "stop returned after \(took), before the scenario released")
            #expect(!log.contains("released scenario2"))
            #expect(controller.current == nil)
            #expect(controller.start(.scenario1, origin: .http) == .started)
            gate.open()
            _ = await controller.stopAll(origin: .http)
        }

        @Test("stopAll with nothing running returns nil and publishes nothing")
        func stopAllIdle() async {
            let controller = ScenarioController { _ in IdleScenario() }
            let stream = controller.changes()
            #expect(await controller.stopAll(origin: .shutdown) == nil)
            _ = controller.start(.scenario1, origin: .http)
            let first = Task { () -> ScenarioChange? in
                for await change in stream { return change }
                return nil
            }
            // The first change seen is the start: stopAll published nothing before it.
            #expect(await withDeadline(.seconds(2)) { await first.value } == ScenarioChange(alias: .scenario1, running: true, origin: .http))
            await controller.stopAll(origin: .shutdown)
        }
    }
}
