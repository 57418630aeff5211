/// One students' answers file: an optional team name and their findings.
///
/// ```yaml
/// team: blue                 # optional; names the sheet in the class table (else its file name)
/// answers:
///   - {instance: svc-02, scenario: memory leak, start: "10:42"}
/// ```
public struct AnswerSheet: Equatable, Sendable {
    /// `team:` as written (trimmed), or `nil` when the sheet has none.
    public var team: String?
    /// The findings, in file order.
    public var answers: [StudentAnswer]

    /// Creates a sheet.
    public init(team: String? = nil, answers: [StudentAnswer]) {
        self.team = team
        self.answers = answers
    }
}
