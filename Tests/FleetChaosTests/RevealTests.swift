import FleetChaos
import FleetModel
import Foundation
import Testing

/// Folding the journal into applied injections, and the `fleet chaos reveal` table.
@Suite struct RevealTests {
    func journal() throws -> [JournalEntry] {
        try ChaosJournal.read(path: TestSupport.fixtureURL("grading-journal.jsonl").path)
    }

    @Test func fixtureJournalReadsDespiteItsTruncatedLastLine() throws {
        let entries = try journal()
        #expect(entries.count == 12)
        #expect(entries.last?.kind == .runEnded)
    }

    @Test func foldPairsEachAppliedLineWithItsStop() throws {
        let applied = ChaosJournal.appliedInjections(in: try journal())
        #expect(applied.map(\.instance) == ["svc-02", "svc-04", "svc-02", "svc-05", "svc-03"])
        #expect(applied.map(\.scenario) == [.scenario1, .scenario2, .scenario3, .scenario3, .scenario1])
        #expect(applied.map { $0.stop.map(ISOTimestamp.format) } == [
            "2025-05-01T10:04:07.140Z", "2025-05-01T10:09:00.511Z", "2025-05-01T10:13:30.004Z",
            "2025-05-01T10:17:02.900Z", nil,
        ])
        #expect(applied[3].stopReason == "stopped by instructor")
        #expect(applied[0].plannedOffset == .milliseconds(127_123))
        #expect(ISOTimestamp.format(applied[0].start) == "2025-05-01T10:02:07.123Z")
    }

    @Test func aStopClosesTheInjectionWithTheSameStart() {
        // Two open injections on one instance (a journal spliced from two runs of one seed):
        // the stop names its start, so it closes the first, not the most recent.
        let first = Injection(offset: .seconds(60), instance: "svc-01", scenario: .scenario1, hold: .seconds(60))
        let t0 = Date(timeIntervalSince1970: 1_746_093_600)
        let entries: [JournalEntry] = [
            .applied(first, seed: 1, at: t0),
            .applied(first, seed: 1, at: t0.addingTimeInterval(30)),
            .stopped(first, seed: 1, startedAt: t0, at: t0.addingTimeInterval(60), reason: "hold elapsed"),
            .stopped(first, seed: 2, startedAt: t0, at: t0.addingTimeInterval(61), reason: "other run"),
        ]
        let applied = ChaosJournal.appliedInjections(in: entries)
        #expect(applied.count == 2)
        #expect(applied[0].stop == t0.addingTimeInterval(60))
        #expect(applied[1].stop == nil)
    }

    @Test func revealTableMatchesFixture() throws {
        let text = ChaosJournal.renderReveal(try journal())
        if try TestSupport.updateFixtureIfRequested("grading-reveal.txt", text: text) { return }
        #expect(text == (try TestSupport.fixture("grading-reveal.txt")), "rendered:\n\(text)")
    }

    @Test func revealShowsDatesWhenTheJournalSpansDays() {
        let injection = Injection(offset: .seconds(1), instance: "svc-01", scenario: .scenario2, hold: .seconds(90))
        let start = Date(timeIntervalSince1970: 1_746_143_940)  // 2025-05-01T23:59:00Z
        let text = ChaosJournal.renderReveal([
            .applied(injection, seed: 9, at: start),
            .stopped(injection, seed: 9, startedAt: start, at: start.addingTimeInterval(90), reason: "hold elapsed"),
        ])
        #expect(text == """
            chaos reveal  seed=9  applied=1  skipped=0
            START                STOP                 OFFSET         INSTANCE  SCENARIO               STATUS
            2025-05-01 23:59:00  2025-05-02 00:00:30  +00:00:01.000  svc-01    scenario2 (disk fill)  applied, stopped: hold elapsed

            """)
    }

    @Test func emptyJournalRendersAnEmptyTable() {
        #expect(ChaosJournal.renderReveal([]) == "chaos reveal  seed=-  applied=0  skipped=0\nSTART  STOP  OFFSET  INSTANCE  SCENARIO  STATUS\n")
    }
}
