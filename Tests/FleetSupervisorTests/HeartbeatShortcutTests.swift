import FleetModel
import Testing
@testable import FleetSupervisor

/// The loop thread takes an instance's repeated heartbeat only when it is exactly the one the
/// actor handled last, and never lets an older heartbeat overwrite newer news.
@Suite struct HeartbeatShortcutTests {
    let id = Array("svc-01".utf8)
    let idle = Array(#"{"instance":"svc-01","type":"heartbeat","v":1}"#.utf8)
    let leaking = Array(#"{"instance":"svc-01","scenario":"scenario1","type":"heartbeat","v":1}"#.utf8)
    let start = ContinuousClock.now

    @Test func onlyTheRememberedBytesOfTheSameInstanceTakeTheShortcut() {
        let shortcut = HeartbeatShortcut()
        #expect(!shortcut.take(idle, from: id, at: start), "nothing remembered yet: the actor decides")
        shortcut.remember(idle, from: "svc-01", scenario: nil)
        #expect(!shortcut.take(leaking, from: id, at: start), "other bytes (a new scenario) go to the actor")
        #expect(!shortcut.take(idle, from: Array("svc-02".utf8), at: start), "another instance's heartbeat")
        #expect(shortcut.take(idle, from: id, at: start))
    }

    @Test func theActorGetsTheLatestTakenHeartbeatOncePerInstanceWithItsScenario() {
        let shortcut = HeartbeatShortcut()
        shortcut.remember(leaking, from: "svc-01", scenario: .scenario1)
        #expect(shortcut.take(leaking, from: id, at: start))
        #expect(shortcut.take(leaking, from: id, at: start + .seconds(1)))
        #expect(shortcut.drain() == [.init(instance: "svc-01", at: start + .seconds(1), scenario: .scenario1)])
        #expect(shortcut.drain().isEmpty)
    }

    @Test func aNewerMessageDropsWhatWasTakenBeforeIt() {
        let shortcut = HeartbeatShortcut()
        shortcut.remember(idle, from: "svc-01", scenario: nil)
        #expect(shortcut.take(idle, from: id, at: start))
        // A state change (scenario1 started over HTTP) reached the actor after that heartbeat.
        shortcut.discardTaken(from: "svc-01")
        #expect(shortcut.drain().isEmpty)
        #expect(shortcut.take(idle, from: id, at: start + .seconds(1)))
        // A heartbeat with other bytes, handled by the actor, is newer news too.
        shortcut.remember(leaking, from: "svc-01", scenario: .scenario1)
        #expect(shortcut.drain().isEmpty)
    }

    @Test func aDeadInstanceIsForgotten() {
        let shortcut = HeartbeatShortcut()
        shortcut.remember(idle, from: "svc-01", scenario: nil)
        #expect(shortcut.take(idle, from: id, at: start))
        shortcut.forget("svc-01")
        #expect(shortcut.drain().isEmpty)
        #expect(!shortcut.take(idle, from: id, at: start), "its next process starts with the actor")
    }
}
