/// One line of a grade: an answer and what it matched, or an injection nobody found.
public struct GradeLine: Sendable, Equatable {
    /// 1-based position of the answer in the answers file; `nil` for a ``GradeVerdict/missed`` line.
    public var answerNumber: Int?
    /// The answer; `nil` for a ``GradeVerdict/missed`` line.
    public var answer: StudentAnswer?
    /// The injection the answer was matched with (or the missed injection).
    public var injection: AppliedInjection?
    /// The judgement.
    public var verdict: GradeVerdict
    /// `|answer start − actual start|` when the answer gave a start and matched an injection.
    public var startError: Duration?
    /// Why a false alarm found nothing: `no injection on svc-02`, or
    /// `every injection on svc-02 is already matched`.
    public var note: String?

    /// Creates a line.
    public init(
        answerNumber: Int?,
        answer: StudentAnswer?,
        injection: AppliedInjection?,
        verdict: GradeVerdict,
        startError: Duration? = nil,
        note: String? = nil
    ) {
        self.answerNumber = answerNumber
        self.answer = answer
        self.injection = injection
        self.verdict = verdict
        self.startError = startError
        self.note = note
    }
}
