import FleetModel
import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario7 inside one process: the marker that keeps it on across restarts, the exit with
    /// status 1 after the interval (through an injected exit, the real one is tested end to end
    /// in FleetIntegrationTests), and the resume at start.
    @Suite("Crash loop scenario")
    struct CrashLoopScenarioTests {
        @Test("sets the marker, exits with status 1 after the interval")
        func exitsAfterInterval() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let marker = CrashLoopMarker(dataDirectory: folder.path)
            let exits = EventLog()
            let scenario = CrashLoopScenario(interval: .milliseconds(200), marker: marker) { exits.record("exit \($0)") }
            let start = ContinuousClock.now
            let task = Task { await scenario.run() }
            defer { task.cancel() }

            #expect(await poll(timeout: .seconds(2)) { marker.exists })
            #expect(exits.events.isEmpty, "exited before the interval")
            let exited = await poll(timeout: .seconds(3)) { !exits.events.isEmpty }
            #expect(exited)
            #expect(exits.events == ["exit 1"])
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            #expect(marker.exists, "the marker must survive the crash, for the next process")
        }

        @Test("a stop before the interval removes the marker and never exits")
        func stopEndsTheLoop() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let marker = CrashLoopMarker(dataDirectory: folder.path)
            let exits = EventLog()
            let scenario = CrashLoopScenario(interval: .seconds(30), marker: marker) { exits.record("exit \($0)") }
            let task = Task { await scenario.run() }
            #expect(await poll(timeout: .seconds(2)) { marker.exists })
            task.cancel()
            await task.value
            #expect(!marker.exists)
            #expect(exits.events.isEmpty)
        }

        @Test("a process that finds the marker at start runs scenario7 again; without it, nothing")
        func resumesAtStart() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let idle = Fixtures.runtime(dataDirectory: folder.path)
            #expect(!idle.resumeCrashLoopIfMarked())
            #expect(idle.controller.current == nil)

            CrashLoopMarker(dataDirectory: folder.path).set()
            let resumed = Fixtures.runtime(dataDirectory: folder.path)
            #expect(resumed.resumeCrashLoopIfMarked())
            #expect(resumed.controller.current == .scenario7)
        }

        @Test("a marker left under another parent (a fleet killed before its cleanup) is removed, not resumed")
        func staleMarkerIsRemoved() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let marker = CrashLoopMarker(dataDirectory: folder.path)
            try "parent -1\n".write(toFile: marker.path, atomically: false, encoding: .utf8)
            let runtime = Fixtures.runtime(dataDirectory: folder.path)
            #expect(!runtime.resumeCrashLoopIfMarked())
            #expect(runtime.controller.current == nil)
            #expect(!marker.exists)
        }
    }
}
