import FleetChaos
import FleetModel
import Foundation
import Testing

/// The chaos run as decisions: what is due when, and what follows each outcome.
@Suite struct ChaosScheduleTests {
    let first = Injection(offset: .seconds(1), instance: "svc-01", scenario: .scenario1, hold: .seconds(4))
    let second = Injection(offset: .seconds(2), instance: "svc-02", scenario: .scenario3, hold: .seconds(2))
    let date = Date(timeIntervalSince1970: 1_000)

    func schedule() -> ChaosSchedule {
        ChaosSchedule(plan: ChaosPlan(seed: 7, duration: .seconds(10), injections: [second, first]))
    }

    @Test func startsComeDueAtTheirOffsetsAndEndsAfterTheirHold() {
        var run = schedule()
        #expect(run.nextDue == .seconds(1))
        #expect(run.due(elapsed: .milliseconds(999)).isEmpty)
        #expect(run.due(elapsed: .seconds(1)) == [.apply(first)])
        #expect(run.applied(first, startedAt: date).isEmpty)
        #expect(run.nextDue == .seconds(2))
        #expect(run.due(elapsed: .seconds(2)) == [.apply(second)])
        #expect(run.applied(second, startedAt: date).isEmpty)
        #expect(run.nextDue == .seconds(4), "second ends at 2 + 2")
        #expect(run.due(elapsed: .seconds(4)) == [.end(.init(injection: second, startedAt: date), reason: "hold elapsed")])
        #expect(run.ended().isEmpty, "first still runs")
        #expect(run.due(elapsed: .seconds(5)) == [.end(.init(injection: first, startedAt: date), reason: "hold elapsed")])
        #expect(run.ended() == [.finish(reason: "completed")])
        #expect(run.isFinished)
        #expect(run.due(elapsed: .seconds(9)).isEmpty)
    }

    @Test func aLateTickCatchesUpInOrder() {
        var run = schedule()
        #expect(run.due(elapsed: .seconds(3)) == [.apply(first), .apply(second)])
    }

    @Test func aSkippedInjectionIsNeverEnded() {
        var run = ChaosSchedule(plan: ChaosPlan(seed: 1, duration: .seconds(10), injections: [first]))
        #expect(run.due(elapsed: .seconds(1)) == [.apply(first)])
        #expect(run.applied(first, startedAt: nil) == [.finish(reason: "completed")])
    }

    @Test func anInterruptEndsWhatRunsAndWaitsForStartsInFlight() {
        var run = schedule()
        _ = run.due(elapsed: .seconds(1))
        _ = run.applied(first, startedAt: date)
        #expect(run.due(elapsed: .seconds(2)) == [.apply(second)])
        // Interrupted while the second start waits for its ack.
        #expect(run.interrupt() == [.end(.init(injection: first, startedAt: date), reason: "chaos stopped")])
        #expect(run.ended().isEmpty, "the second start is still in flight")
        #expect(run.applied(second, startedAt: date) == [.end(.init(injection: second, startedAt: date), reason: "chaos stopped")],
                "a start acked after the interrupt is stopped at once")
        #expect(run.ended() == [.finish(reason: "interrupted")])
        #expect(run.interrupt().isEmpty)
    }

    @Test func anEmptyPlanFinishesAtOnce() {
        var run = ChaosSchedule(plan: ChaosPlan(seed: 1, duration: .seconds(10), injections: []))
        #expect(run.due(elapsed: .zero) == [.finish(reason: "completed")])
    }
}
