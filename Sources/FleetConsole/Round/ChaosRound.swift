import FleetChaos
import Foundation
import FleetModel

/// The console's chaos round: open from a run until the instructor's reveal; the students'
/// answers of the round; the answer key once revealed; whether students see the scoreboard.
///
/// A value without I/O: the routes feed it the clock and the journal's entries; every decision
/// (may this answer be kept, what does a student see) is made here and tested without a server.
public struct ChaosRound: Sendable {
    /// Where the round is.
    public enum Phase: String, Sendable, Equatable {
        /// No round since the console started.
        case none
        /// A chaos run is under way: answers are accepted.
        case open
        /// The instructor revealed the key: answers are graded, no more are accepted.
        case revealed
    }

    /// Where the round is now.
    public private(set) var phase: Phase = .none
    /// Which round of this console this is: 0 before the first, then 1, 2, …
    public private(set) var number = 0
    /// The seed of the round's run.
    public private(set) var seed: UInt64?
    /// The answer key: the journal's entries of the round's run, once revealed.
    public private(set) var key: [JournalEntry] = []
    /// Whether students may see the scoreboard.
    public var scoreboardVisible = false
    /// What a student may submit.
    public let limits: AnswerLimits

    /// When the key was revealed (ISO-8601 UTC, as events' times).
    private var revealedAt: String?
    /// Answers by student name, in submission order.
    private var answers: [String: [StudentAnswer]] = [:]
    /// Submission times by student name, within the current window.
    private var submissions: [String: [ContinuousClock.Instant]] = [:]

    /// No round yet, answers within `limits`.
    public init(limits: AnswerLimits = AnswerLimits()) {
        self.limits = limits
    }

    /// A run started (`seed` nil: one the console did not start): a new round, with no answers.
    public mutating func open(seed: UInt64?) {
        phase = .open
        number += 1
        self.seed = seed
        revealedAt = nil
        key = []
        answers = [:]
        submissions = [:]
    }

    /// Chaos injected something at `time` (an event's ISO-8601 UTC time): a run the console did
    /// not start (`fleet chaos run`, `fleet up --chaos`) opens a round of its own, unless one is
    /// open, or the injection belongs to the run already revealed (it started before the reveal).
    public mutating func noticeInjection(at time: String) {
        switch phase {
        case .open: return
        case .revealed: guard let revealedAt, time > revealedAt else { return }
        case .none: break
        }
        open(seed: nil)
    }

    /// The instructor revealed: `journal` is the whole journal file; the round keeps the
    /// entries of its own run (the file may hold several runs, told apart by their seed and
    /// `run_started` lines).
    public mutating func reveal(journal: [JournalEntry], at time: String) {
        phase = .revealed
        revealedAt = time
        key = Self.lastRun(of: journal, seed: seed)
    }

    /// Keeps `answer` for `student`, or says why not.
    public mutating func submit(_ answer: StudentAnswer, by student: String, at now: ContinuousClock.Instant) throws(AnswerRefusal) {
        guard phase == .open else { throw .noRoundOpen }
        let recent = (submissions[student] ?? []).filter { now - $0 < limits.window }
        guard recent.count < limits.submissionsPerWindow else {
            submissions[student] = recent
            throw .rateLimited
        }
        submissions[student] = recent + [now]
        for (name, value) in [("instance", answer.instance), ("scenario", answer.scenario), ("start", answer.start ?? "-")] {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw .invalidField("\(name) must not be empty") }
            guard value.count <= limits.fieldLength else { throw .invalidField("\(name) is longer than \(limits.fieldLength) characters") }
        }
        let kept = answers[student] ?? []
        guard kept.count < limits.perStudent else { throw .tooManyAnswers(limits.perStudent) }
        answers[student] = kept + [answer]
    }

    /// The answers of `student`, in order.
    public func answers(of student: String) -> [StudentAnswer] {
        answers[student] ?? []
    }

    /// The grade of `student`'s answers, once revealed.
    public func grade(of student: String) -> GradeReport? {
        guard phase == .revealed else { return nil }
        return ChaosGrader.grade(answers: answers(of: student), journal: key)
    }

    /// Every student who answered, with their answer count and (once revealed) their grade,
    /// best score first, then by name.
    public func scoreboard() -> [(student: String, answers: Int, grade: GradeReport?)] {
        answers.keys.map { ($0, answers[$0]?.count ?? 0, grade(of: $0)) }
            .sorted { lhs, rhs in
                let (left, right) = (lhs.grade?.score ?? -1, rhs.grade?.score ?? -1)
                return left != right ? left > right : lhs.student < rhs.student
            }
    }

    /// The entries from the last `run_started` of `seed` (of any seed when nil) to the end.
    static func lastRun(of journal: [JournalEntry], seed: UInt64?) -> [JournalEntry] {
        let start = journal.lastIndex { $0.kind == .runStarted && (seed == nil || $0.seed == seed) }
        guard let start else { return journal.filter { seed == nil || $0.seed == seed } }
        return journal[start...].filter { $0.seed == journal[start].seed }
    }
}
