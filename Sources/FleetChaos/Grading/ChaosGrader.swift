import FleetModel

/// Grades students' diagnoses against the journal of a chaos run.
///
/// ## Matching
/// Only injections that really ran count (the journal's `applied` lines, folded by
/// ``ChaosJournal/appliedInjections(in:)``); an answer is only ever matched with an injection
/// on the same instance (ids compared forgivingly: `svc-02` = `svc2` = `2`), and each
/// injection with at most one answer:
/// 1. **True positives first**: among answers and injections with the same instance and the
///    same scenario, pairs are taken by increasing start error (answers without a start come
///    last), so with several injections on one instance each answer gets the closest one.
/// 2. **Wrong scenario**: remaining answers are paired the same way with remaining
///    injections of another scenario on their instance.
/// 3. **False alarm**: an answer still unpaired — nothing (left) ran on its instance.
/// 4. **Missed**: an injection still unpaired.
///
/// Matching a right scenario first is the generous reading: an answer is not turned into a
/// wrong scenario because another injection on the same instance started closer to its time.
/// Ties are broken by answer order, then by injection start, so grading is deterministic.
///
/// ## Start times
/// An ISO-8601 start is an instant. A time of day (`10:42`, `10:42:30`) is UTC and is placed
/// within 12 hours of the journal's first timestamp — on the day of the journal, or the
/// adjacent day when the run crosses midnight. A start that cannot be read or placed is
/// ignored (no start error), never a reason to reject the answer.
public enum ChaosGrader {
    /// Grades `answers` against `journal` (see the type's documentation and ``GradeReport``).
    public static func grade(answers: [StudentAnswer], journal: [JournalEntry]) -> GradeReport {
        let injections = ChaosJournal.appliedInjections(in: journal)
        let anchorMs = journal.flatMap { [$0.startedAt, $0.stoppedAt] }.compactMap { $0 }
            .compactMap(ISOTimestamp.epochMilliseconds(parsing:)).min()

        let answerKeys = answers.map { InstanceKey($0.instance) }
        let answerScenarios = answers.map { ScenarioAlias(answer: $0.scenario) }
        let answerStarts = answers.map { answer in
            answer.start.flatMap(AnswerStart.init).flatMap { $0.resolved(anchorMs: anchorMs) }
        }
        let injectionKeys = injections.map { InstanceKey($0.instance) }
        let injectionStarts = injections.map { ISOTimestamp.epochMilliseconds($0.start) }

        var answerMatch = [Int?](repeating: nil, count: answers.count)
        var injectionTaken = [Bool](repeating: false, count: injections.count)

        /// Greedy pairing by increasing start error among the pairs `accept` allows.
        func pair(where accept: (_ answer: Int, _ injection: Int) -> Bool) {
            var candidates: [(cost: Int64, answer: Int, injection: Int)] = []
            for answer in answers.indices where answerMatch[answer] == nil {
                for injection in injections.indices where !injectionTaken[injection] {
                    guard answerKeys[answer] == injectionKeys[injection], accept(answer, injection) else { continue }
                    let cost = answerStarts[answer].map { abs($0 - injectionStarts[injection]) } ?? .max
                    candidates.append((cost, answer, injection))
                }
            }
            candidates.sort { ($0.cost, $0.answer, $0.injection) < ($1.cost, $1.answer, $1.injection) }
            for candidate in candidates where answerMatch[candidate.answer] == nil && !injectionTaken[candidate.injection] {
                answerMatch[candidate.answer] = candidate.injection
                injectionTaken[candidate.injection] = true
            }
        }
        pair { answer, injection in answerScenarios[answer] == injections[injection].scenario }
        pair { _, _ in true }

        var lines: [GradeLine] = []
        for (index, answer) in answers.enumerated() {
            guard let matched = answerMatch[index] else {
                let onInstance = injectionKeys.contains(answerKeys[index])
                lines.append(GradeLine(
                    answerNumber: index + 1, answer: answer, injection: nil, verdict: .falseAlarm,
                    note: onInstance
                        ? "every injection on \(answer.instance) is already matched"
                        : "no injection on \(answer.instance)"
                ))
                continue
            }
            let injection = injections[matched]
            let error = answerStarts[index].map { Duration.milliseconds(abs($0 - injectionStarts[matched])) }
            lines.append(GradeLine(
                answerNumber: index + 1, answer: answer, injection: injection,
                verdict: answerScenarios[index] == injection.scenario ? .truePositive : .wrongScenario,
                startError: error
            ))
        }
        for (index, injection) in injections.enumerated() where !injectionTaken[index] {
            lines.append(GradeLine(answerNumber: nil, answer: nil, injection: injection, verdict: .missed))
        }
        return GradeReport(lines: lines, injections: injections.count)
    }
}
