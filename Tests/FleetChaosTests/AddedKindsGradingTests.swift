@testable import FleetChaos
import FleetModel
import Foundation
import Testing

/// Grading and the answer key know scenario4–8: an answer naming the kind or the alias matches
/// the injection, another kind is a wrong scenario, and the reveal labels each with its kind.
@Suite struct AddedKindsGradingTests {
    let t0 = Date(timeIntervalSince1970: 1_746_093_600)  // 2025-05-01T10:00:00Z

    func journal() -> [JournalEntry] {
        let injections: [(String, ScenarioAlias)] = [
            ("svc-01", .scenario4), ("svc-02", .scenario5), ("svc-03", .scenario6), ("svc-04", .scenario7), ("svc-05", .scenario8),
        ]
        return [.runStarted(seed: 1, at: t0)] + injections.enumerated().map { index, injection in
            let offset = TimeInterval(60 * (index + 1))
            return .applied(
                Injection(offset: .seconds(offset), instance: injection.0, scenario: injection.1, hold: .seconds(60)),
                seed: 1, at: t0.addingTimeInterval(offset))
        }
    }

    @Test func kindsAndAliasesMatchTheirInjections() {
        let answers = [
            StudentAnswer(instance: "svc-01", scenario: "latency", start: nil),
            StudentAnswer(instance: "svc-02", scenario: "errors", start: nil),
            StudentAnswer(instance: "svc-03", scenario: "cpu", start: nil),
            StudentAnswer(instance: "svc-04", scenario: "crash loop", start: nil),
            StudentAnswer(instance: "svc-05", scenario: "scenario8", start: nil),
        ]
        let report = ChaosGrader.grade(answers: answers, journal: journal())
        #expect(report.lines.map(\.verdict) == Array(repeating: .truePositive, count: 5))
        #expect(report.score == 100)
    }

    @Test func anotherKindIsAWrongScenario() {
        let report = ChaosGrader.grade(
            answers: [StudentAnswer(instance: "svc-05", scenario: "memory leak", start: nil)], journal: journal())
        #expect(report.lines.first?.verdict == .wrongScenario)
    }

    @Test func revealLabelsEachInjectionWithItsKind() {
        let text = ChaosJournal.renderReveal(journal())
        for label in ["scenario4 (latency)", "scenario5 (errors)", "scenario6 (cpu)", "scenario7 (crash loop)", "scenario8 (fd leak)"] {
            #expect(text.contains(label), "\(text)")
        }
    }
}
