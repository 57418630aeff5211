import FleetModel
import Testing

@Suite struct LivenessClockTests {
    let start = ContinuousClock.now

    func lost(_ clock: inout LivenessClock, at seconds: Double) -> Bool {
        clock.isLost(at: start + .seconds(seconds))
    }

    /// A clock checked every `interval` from `from` to `to` seconds, as a healthy side does.
    func checked(_ clock: inout LivenessClock, from: Double, to: Double) -> Bool {
        var lost = false
        for second in stride(from: from, through: to, by: 1) { lost = clock.isLost(at: start + .seconds(second)) || lost }
        return lost
    }

    @Test func theClockStartsAtTheFirstMessage() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        #expect(!checked(&clock, from: 0, to: 60), "a peer never heard is not lost: start-up has its own guards")
        #expect(!clock.isRunning)
        clock.heard(at: start + .seconds(60))
        #expect(clock.isRunning)
        #expect(!checked(&clock, from: 61, to: 63))
        #expect(lost(&clock, at: 64), "three missed heartbeats")
    }

    @Test func heartbeatsKeepThePeerAlive() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        for second in 0..<30 {
            clock.heard(at: start + .seconds(second))
            #expect(!lost(&clock, at: Double(second) + 0.5))
        }
    }

    @Test func timeThisSideWasStoppedIsNotHeldAgainstThePeer() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        #expect(!lost(&clock, at: 1))
        // Stopped for 5 s: the next check comes at 6 s. The peer had no chance to be heard.
        #expect(!lost(&clock, at: 6), "a pause of this side is forgiven")
        #expect(!lost(&clock, at: 7))
        #expect(!lost(&clock, at: 8))
        #expect(!lost(&clock, at: 9), "a whole deadline from the first check after the pause")
        #expect(lost(&clock, at: 9.5), "but the peer still has to speak once this side runs again")
    }

    /// An instance checks once per interval, from a poll whose timeout is rounded up: its checks
    /// come a little late, every time. That is jitter, not a pause.
    @Test func checksALittleLateStillFindASilentPeer() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        var lostAt: Double?
        for check in 1...10 where lostAt == nil {
            let at = Double(check) * 1.004
            if lost(&clock, at: at) { lostAt = at }
        }
        #expect(lostAt == 3 * 1.004, "lost at the first check past the 3 s deadline")
    }

    /// Regression: the supervisor's loop thread stamps a heartbeat just before this side is
    /// stopped and the stamp is applied only after the pause was forgiven: the peer must keep
    /// its new deadline, not be lost at once for a silence it never had.
    @Test func anOlderStampAppliedLateChangesNothing() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        #expect(!lost(&clock, at: 0.1))
        // Stopped from 0.2 s to 5.2 s; the first check after it forgives the pause.
        #expect(!lost(&clock, at: 5.2))
        clock.heard(at: start + .seconds(0.15))
        #expect(!lost(&clock, at: 5.3), "a stale stamp does not undo the forgiveness")
        #expect(!checked(&clock, from: 6, to: 8))
        #expect(lost(&clock, at: 8.3), "still lost after a real deadline of silence")
    }

    /// Regression: an instance registered, and this side was stopped before its first check.
    /// The first check after the pause must still see the pause.
    @Test func aPauseBeforeTheFirstCheckIsForgivenToo() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        #expect(!lost(&clock, at: 5), "stopped from just after the registration until 5 s")
        #expect(!checked(&clock, from: 6, to: 8))
        #expect(lost(&clock, at: 8.1))
    }

    @Test func aPeerHeardAfterThePauseIsFine() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        _ = clock.isLost(at: start + .seconds(1))
        _ = clock.isLost(at: start + .seconds(10))
        clock.heard(at: start + .seconds(10.1))
        #expect(!checked(&clock, from: 11, to: 13))
    }
}
