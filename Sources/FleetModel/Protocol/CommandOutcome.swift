/// The result of a start or stop on one instance, as reported in acks and to the CLI.
public enum CommandOutcome: String, Codable, Sendable, Equatable {
    case started
    /// Start of the scenario that already runs (HTTP would answer 304).
    case alreadyRunning = "already_running"
    /// Another scenario runs (HTTP would answer 409).
    case conflict
    case stopped
    /// Stop of a scenario that does not run (HTTP would answer 304).
    case notRunning = "not_running"
    /// The instance did not answer in time.
    case timeout
    /// The instance is not up.
    case unavailable
    /// Chaos left it alone: a student already runs another scenario there.
    case skipped
}
