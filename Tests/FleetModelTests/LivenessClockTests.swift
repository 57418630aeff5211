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

    @Test func aPeerHeardAfterThePauseIsFine() {
        var clock = LivenessClock(interval: .seconds(1), misses: 3)
        clock.heard(at: start)
        _ = clock.isLost(at: start + .seconds(1))
        _ = clock.isLost(at: start + .seconds(10))
        clock.heard(at: start + .seconds(10.1))
        #expect(!checked(&clock, from: 11, to: 13))
    }
}
