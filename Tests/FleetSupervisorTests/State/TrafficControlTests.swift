import FleetModel
import Testing
@testable import FleetSupervisor

/// The supervisor's authority over the traffic, driven with a simulated clock.
@Suite struct TrafficControlTests {
    let origin = ContinuousClock.now

    func makeControl() -> TrafficControl {
        var config = FleetConfig()
        config.fleet.instances = 4
        return TrafficControl(config: config, seed: 7, at: origin)
    }

    @Test func aBadChangeIsRefusedAndChangesNothing() {
        var control = makeControl()
        let before = control.plan
        #expect(throws: TrafficAdjustment.Refusal.self) { try control.apply(.init(rate: -1)).get() }
        #expect(throws: TrafficAdjustment.Refusal.self) { try control.apply(.init(rate: 10, skew: 2)).get() }
        #expect(control.plan == before)
    }

    @Test func eachChangeIsOneEventAndRepeatsAreNone() throws {
        var control = makeControl()
        #expect(try control.apply(.init(rate: 10)).get().event == .trafficChanged(.init(rate: 10, skew: 0.5, amplitude: 0.5)))
        #expect(try control.apply(.init(paused: true)).get().event == .trafficPaused(.init(rate: 10, skew: 0.5, amplitude: 0.5, paused: true)))
        #expect(try control.apply(.init(paused: true)).get().event == nil)
        #expect(try control.apply(.init(paused: false)).get().event == .trafficResumed(.init(rate: 10, skew: 0.5, amplitude: 0.5)))
    }

    @Test func statusAndOrderShareThePhaseOfTheDay() {
        let control = makeControl()
        let noon = origin + .seconds(150)  // a quarter of the default 10 m day
        let status = control.status(at: noon)
        #expect(status.timeOfDay == "12:00")
        #expect(abs(status.targetRate - 5 * 4 * 1.5) < 1e-9)
        #expect(status.instances.map(\.zone) == ["zone-a", "zone-b", "zone-c", "zone-a"])
        #expect(abs(status.instances.map(\.share).reduce(0, +) - 1) < 1e-9)
        #expect(control.order(at: noon).elapsedMs == 150_000)
        #expect(control.order(at: noon).seed == 7)
    }

    @Test func aDeadGeneratorIsRestartedWithBackoffThenGivenUp() {
        var control = makeControl()
        var now = origin
        for attempt in 1...5 {
            control.spawned(pid: Int32(100 + attempt), at: now)
            let delay = control.died(at: now + .milliseconds(10))
            #expect(delay != nil)
            #expect(!control.restartDue(at: now + .milliseconds(10)))
            now = now + .milliseconds(10) + delay!
            #expect(control.restartDue(at: now))
        }
        control.spawned(pid: 200, at: now)
        #expect(control.died(at: now + .milliseconds(10)) == nil)
        #expect(control.givenUp)
        #expect(control.status(at: now).generator == "given up")
    }
}
