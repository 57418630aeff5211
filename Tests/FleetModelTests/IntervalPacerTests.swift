import FleetModel
import Testing

@Suite("Interval pacer")
struct IntervalPacerTests {
    /// Asks a fresh one-second pacer at each offset (ms from a common start); what it answered.
    static func answers(at offsets: [Int]) -> [Bool] {
        let start = ContinuousClock.now
        var pacer = IntervalPacer(interval: .seconds(1))
        return offsets.map { pacer.take(at: start + .milliseconds($0)) }
    }

    @Test("the first message is due at once, the next one an interval later")
    func oncePerInterval() {
        #expect(Self.answers(at: [0, 0, 500, 1_000, 1_500]) == [true, false, false, true, false])
    }

    @Test("a tick a tenth of an interval early is on time; earlier is not")
    func earlyTickTolerance() {
        #expect(Self.answers(at: [0, 899, 900]) == [true, false, true])
    }

    @Test("after a long silence one message is due, not a burst of catch-ups")
    func noCatchUpBurst() {
        #expect(Self.answers(at: [0, 10_000, 10_100, 10_899, 10_900]) == [true, true, false, false, true])
    }
}
