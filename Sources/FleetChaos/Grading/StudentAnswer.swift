/// One diagnosis from a student's answers file: "scenario X ran on instance Y, from about Z".
///
/// Fields are kept as the student wrote them; grading interprets them forgivingly:
/// - `instance`: `svc-02`, also `svc2`, `SVC-002` or just `2` (compared by number when the
///   exact id is not in the journal).
/// - `scenario`: the alias (`scenario2`, `scenario 2`, `s2`, `2`) or failure-mode words —
///   see ``FleetModel/ScenarioAlias/init(answer:)`` for the full list (`memory leak`, `oom`,
///   `disk`, `disk full`, `rate limit`, `429`, `throttling`, …).
/// - `start`: optional approximate start, either ISO-8601 (`2025-05-01T10:42:00Z`, an offset
///   or no zone = UTC) or a UTC time of day `HH:MM` / `HH:MM:SS` (on the day of the journal;
///   see ``ChaosGrader``).
public struct StudentAnswer: Decodable, Equatable, Sendable {
    /// The instance id as written.
    public var instance: String
    /// The scenario as written.
    public var scenario: String
    /// The approximate start as written, if any.
    public var start: String?

    /// Creates an answer.
    public init(instance: String, scenario: String, start: String? = nil) {
        self.instance = instance
        self.scenario = scenario
        self.start = start
    }
}
