/// How much a student may submit during a chaos round: answers are kept in the supervisor's
/// memory and come from the room, so every dimension is capped.
public struct AnswerLimits: Sendable, Equatable {
    /// Most answers one student may have in a round.
    public var perStudent = 20
    /// Longest field (instance, scenario, start), in characters.
    public var fieldLength = 64
    /// Most submissions one student may make per ``window``; more get 429.
    public var submissionsPerWindow = 6
    /// The rate limit's fixed window.
    public var window: Duration = .seconds(60)
    /// Largest request body the answer route reads, in bytes.
    public var bodyBytes = 2_048

    /// The console's limits.
    public init() {}
}
