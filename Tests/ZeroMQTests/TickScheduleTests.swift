import Testing
import ZeroMQ

@Suite("TickSchedule")
struct TickScheduleTests {
    private let start = ContinuousClock.now

    @Test("periodic: a fixed rate that messages do not move")
    func periodicKeepsItsRate() {
        var schedule = TickSchedule(interval: .seconds(1), policy: .periodic, start: start)
        #expect(schedule.deadline == start + .seconds(1))
        #expect(!schedule.isDue(at: start + .milliseconds(999)))
        schedule.received(at: start + .milliseconds(900))
        #expect(schedule.deadline == start + .seconds(1))
        #expect(schedule.isDue(at: start + .seconds(1)))
        // A tick that finished a little late keeps the grid.
        schedule.ticked(at: start + .milliseconds(1_030))
        #expect(schedule.deadline == start + .seconds(2))
    }

    @Test("after a long stop the next tick is one interval away, not a burst of catch-up ticks")
    func noCatchUpBurst() {
        var schedule = TickSchedule(interval: .seconds(1), policy: .periodic, start: start)
        schedule.ticked(at: start + .seconds(7))
        #expect(schedule.deadline == start + .seconds(8))
        #expect(!schedule.isDue(at: start + .milliseconds(7_500)))
    }

    @Test("afterSilence: a peer that talks more often than the interval is never checked")
    func talkingPeerPostponesTheWatchdog() {
        var schedule = TickSchedule(interval: .milliseconds(1_250), policy: .afterSilence, start: start)
        // Heartbeats once a second, some of them late by up to 200 ms.
        for (second, lateness) in zip(1...20, [0, 200, 10, 150, 0, 90, 200, 0, 30, 120, 0, 200, 5, 60, 0, 180, 0, 40, 200, 0]) {
            let arrival = start + .seconds(second) + .milliseconds(lateness)
            #expect(!schedule.isDue(at: arrival), "a tick would have run before heartbeat \(second)")
            schedule.received(at: arrival)
        }
    }

    @Test("afterSilence: the first tick comes one interval after the last message, then every interval")
    func silenceTicksAtTheIntervalRate() {
        var schedule = TickSchedule(interval: .seconds(1), policy: .afterSilence, start: start)
        let last = start + .milliseconds(4_300)
        schedule.received(at: last)
        #expect(!schedule.isDue(at: last + .milliseconds(999)))
        #expect(schedule.isDue(at: last + .seconds(1)))
        schedule.ticked(at: last + .seconds(1))
        #expect(schedule.deadline == last + .seconds(2))
        schedule.ticked(at: last + .seconds(2))
        #expect(schedule.deadline == last + .seconds(3))
    }

    @Test("a zero interval is raised to 1 ms: the loop's poll never spins")
    func zeroIntervalIsClamped() {
        let schedule = TickSchedule(interval: .zero, policy: .periodic, start: start)
        #expect(schedule.interval == .milliseconds(1))
        #expect(schedule.deadline == start + .milliseconds(1))
    }
}
