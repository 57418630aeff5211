/// Who made a scenario change, as instances report it and events name it.
public enum EventOrigin: String, Codable, Sendable, Equatable {
    /// A student or script, through the instance's HTTP API.
    case http
    /// A command on the control endpoint (the CLI, pyzmq, …), sent on by the supervisor.
    case supervisor
    /// Chaos mode.
    case chaos
    /// The instance stopping its scenario because it shuts down.
    case shutdown
    /// The instance process ended, and its scenario with it.
    case exit
    /// The instance reported a change without saying why (in a heartbeat).
    case instance
}
