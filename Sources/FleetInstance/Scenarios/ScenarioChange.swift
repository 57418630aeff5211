import FleetModel

/// Who asked for a scenario to start or stop.
public enum ChangeOrigin: String, Sendable, Codable {
    /// A student or script through the instance's HTTP API.
    case http
    /// The supervisor, over the ZeroMQ control plane.
    case supervisor
    /// The instance itself, while shutting down.
    case shutdown
}

/// A scenario started or stopped; reported to the supervisor so its view stays true.
public struct ScenarioChange: Sendable, Equatable {
    public var alias: ScenarioAlias
    public var running: Bool
    public var origin: ChangeOrigin

    public init(alias: ScenarioAlias, running: Bool, origin: ChangeOrigin) {
        self.alias = alias
        self.running = running
        self.origin = origin
    }
}
