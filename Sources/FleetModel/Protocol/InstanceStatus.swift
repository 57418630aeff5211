/// One instance in `fleet status`.
public struct InstanceStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        case up, starting, down
    }

    public var id: String
    /// Base URL of the instance's HTTP API.
    public var url: String
    public var pid: Int32?
    public var state: State
    public var scenario: ScenarioAlias?
    public var restarts: Int
    /// The `zone` and `version` labels of the instance's target (`topology:`).
    public var zone: String?
    public var version: String?
    /// The student of the classroom roster who owns the instance (`classroom:`); never a token.
    public var owner: String?

    public init(
        id: String, url: String, pid: Int32?, state: State, scenario: ScenarioAlias?, restarts: Int,
        zone: String? = nil, version: String? = nil, owner: String? = nil
    ) {
        self.owner = owner
        self.zone = zone
        self.version = version
        self.id = id
        self.url = url
        self.pid = pid
        self.state = state
        self.scenario = scenario
        self.restarts = restarts
    }

    // `scenario` and `pid` are written as null rather than left out: clients read a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(pid, forKey: .pid)
        try container.encode(state, forKey: .state)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(restarts, forKey: .restarts)
        try container.encodeIfPresent(zone, forKey: .zone)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(owner, forKey: .owner)
    }
}
