import Yams

extension AnswerSheet {
    /// The sheet as a file `fleet chaos grade` reads (``ChaosGrader/parseSheet(yaml:instanceIDs:)``),
    /// written by Yams: whatever a name or an answer holds (quotes, `#`, `: `, markup), it comes
    /// back as written.
    public func yaml() throws -> String {
        try YAMLEncoder().encode(Written(
            team: team, answers: answers.map { Written.Answer(instance: $0.instance, scenario: $0.scenario, start: $0.start) }))
    }

    /// The file's shape: `team:`, then `answers:` with `instance`, `scenario` and, when known, `start`.
    private struct Written: Encodable {
        struct Answer: Encodable {
            var instance: String
            var scenario: String
            var start: String?
        }

        var team: String?
        var answers: [Answer]
    }
}
