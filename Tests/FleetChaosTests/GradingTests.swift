@testable import FleetChaos
import FleetModel
import Foundation
import Testing

/// Grading a known answers file against a known journal (both fixtures).
@Suite struct GradingTests {
    func report() throws -> GradeReport {
        let journal = try ChaosJournal.read(path: TestSupport.fixtureURL("grading-journal.jsonl").path)
        let answers = try ChaosGrader.parseAnswers(yaml: TestSupport.fixture("grading-answers.yaml"))
        return ChaosGrader.grade(answers: answers, journal: journal)
    }

    @Test func countsAndScoreOfTheFixture() throws {
        let report = try report()
        #expect(report.injections == 5)
        #expect(report.truePositives == 3)
        #expect(report.wrongScenario == 1)
        #expect(report.falseAlarms == 2)
        #expect(report.missed == 1)
        #expect(report.points == 2)  // 3 − 0.5 × 2
        #expect(report.score == 40)
        // True positives with a start: 7.123 s and 60 s off → mean 33.5615 s, rounded to the ms.
        #expect(report.meanStartError == .milliseconds(33_562))
    }

    @Test func perLineVerdictsOfTheFixture() throws {
        let lines = try report().lines
        #expect(lines.map(\.verdict) == [.truePositive, .truePositive, .wrongScenario, .falseAlarm, .truePositive, .falseAlarm, .missed])
        #expect(lines.map(\.answerNumber) == [1, 2, 3, 4, 5, 6, nil])
        #expect(lines.map { $0.injection?.instance } == ["svc-02", "svc-02", "svc-04", nil, "svc-05", nil, "svc-03"])
        #expect(lines.map { $0.injection?.scenario } == [.scenario1, .scenario3, .scenario2, nil, .scenario3, nil, .scenario1])
        #expect(lines.map(\.startError) == [.milliseconds(7123), .seconds(60), .milliseconds(29_500), nil, nil, nil, nil])
        #expect(lines[3].note == "no injection on svc-01")
        #expect(lines[5].note == "every injection on svc-02 is already matched")
    }

    @Test func renderedGradeMatchesFixture() throws {
        let text = try report().render()
        if try TestSupport.updateFixtureIfRequested("grading-expected.txt", text: text) { return }
        #expect(text == (try TestSupport.fixture("grading-expected.txt")), "rendered:\n\(text)")
    }

    // MARK: Matching rules on small hand-made journals

    let t0 = Date(timeIntervalSince1970: 1_746_093_600)  // 2025-05-01T10:00:00Z

    func journal(_ injections: [(String, ScenarioAlias, TimeInterval)]) -> [JournalEntry] {
        [.runStarted(seed: 1, at: t0)] + injections.map { instance, scenario, offset in
            .applied(Injection(offset: .seconds(offset), instance: instance, scenario: scenario, hold: .seconds(60)),
                     seed: 1, at: t0.addingTimeInterval(offset))
        }
    }

    @Test func closestStartWinsAmongSeveralInjectionsOnOneInstance() {
        let entries = journal([("svc-01", .scenario1, 60), ("svc-01", .scenario1, 1200)])
        let report = ChaosGrader.grade(answers: [StudentAnswer(instance: "svc-01", scenario: "memory", start: "10:19")], journal: entries)
        #expect(report.lines[0].verdict == .truePositive)
        #expect(report.lines[0].startError == .seconds(60))
        #expect(report.lines[1].verdict == .missed)
        #expect(report.lines[1].injection?.start == t0.addingTimeInterval(60))
    }

    @Test func rightScenarioIsPreferredOverACloserWrongOne() {
        let entries = journal([("svc-01", .scenario1, 60), ("svc-01", .scenario3, 1200)])
        let report = ChaosGrader.grade(answers: [StudentAnswer(instance: "svc-01", scenario: "scenario1", start: "10:20")], journal: entries)
        #expect(report.lines.map(\.verdict) == [.truePositive, .missed])
    }

    @Test func noInjectionsMeansFullMarksOnlyWithoutFalseAlarms() {
        let entries = journal([])
        #expect(ChaosGrader.grade(answers: [], journal: entries).score == 100)
        let report = ChaosGrader.grade(answers: [StudentAnswer(instance: "svc-01", scenario: "disk")], journal: entries)
        #expect(report.score == 0 && report.falseAlarms == 1)
    }

    @Test func falseAlarmsCannotDriveTheScoreBelowZero() {
        let entries = journal([("svc-01", .scenario2, 60)])
        let answers = (2...5).map { StudentAnswer(instance: "svc-0\($0)", scenario: "disk") }
        let report = ChaosGrader.grade(answers: answers, journal: entries)
        #expect(report.points == 0 && report.score == 0 && report.missed == 1)
    }

    @Test func timeOfDayIsPlacedNextToTheJournalAcrossMidnight() {
        // A run from 23:50 to 00:20: "00:05" means the next day, "23:55" the same day.
        let anchor: Int64 = 1_746_143_400_000  // 2025-05-01T23:50:00Z
        #expect(AnswerStart("00:05")?.resolved(anchorMs: anchor) == anchor + 15 * 60_000)
        #expect(AnswerStart("23:55")?.resolved(anchorMs: anchor) == anchor + 5 * 60_000)
        #expect(AnswerStart("10:42:30.5Z") == .timeOfDay((10 * 60 + 42) * 60_000 + 30_500))
        #expect(AnswerStart("10:42 UTC") == .timeOfDay((10 * 60 + 42) * 60_000))
        #expect(AnswerStart("2025-05-01T10:42:00+02:00") == .instant(1_746_088_920_000))
        #expect(AnswerStart("soon") == nil)
        #expect(AnswerStart("25:00") == nil)
    }

    @Test func instanceIdsAreComparedForgivingly() {
        #expect(InstanceKey("svc-02") == InstanceKey("svc2"))
        #expect(InstanceKey("svc-02") == InstanceKey("SVC-002"))
        #expect(InstanceKey("svc-02") == InstanceKey(" 2 "))
        #expect(InstanceKey("svc-02") != InstanceKey("svc-12"))
        #expect(InstanceKey("db-1") == InstanceKey("DB-1"))
        #expect(InstanceKey("db-1") != InstanceKey("1"))
    }
}
