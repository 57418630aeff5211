import FleetModel

/// One planned injection: run `scenario` on `instance` from `offset` for `hold`.
///
/// Times are relative to the start of the chaos run and always whole milliseconds, so a plan
/// prints and serializes exactly. JSON keys are `offset_ms`, `instance`, `scenario`, `hold_ms`.
public struct Injection: Sendable, Equatable, Codable {
    /// When the scenario starts, from the start of the run.
    public var offset: Duration
    /// The instance id (`svc-03`).
    public var instance: String
    /// The scenario to start.
    public var scenario: ScenarioAlias
    /// How long the scenario runs before it is stopped.
    public var hold: Duration

    /// Creates an injection; times are kept as given (the planner only produces whole milliseconds).
    public init(offset: Duration, instance: String, scenario: ScenarioAlias, hold: Duration) {
        self.offset = offset
        self.instance = instance
        self.scenario = scenario
        self.hold = hold
    }

    /// When the scenario is stopped, from the start of the run: `offset + hold`.
    ///
    /// The instance is busy on the half-open interval `offset ..< end`: another injection may
    /// start on it exactly at `end`.
    public var end: Duration { offset + hold }

    private enum CodingKeys: String, CodingKey {
        case offsetMs = "offset_ms", instance, scenario, holdMs = "hold_ms"
    }

    /// Decodes the millisecond JSON form (`offset_ms`, `hold_ms`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        offset = .milliseconds(try container.decode(Int64.self, forKey: .offsetMs))
        instance = try container.decode(String.self, forKey: .instance)
        scenario = try container.decode(ScenarioAlias.self, forKey: .scenario)
        hold = .milliseconds(try container.decode(Int64.self, forKey: .holdMs))
    }

    /// Encodes times as integer milliseconds: readable, and exact in any JSON tool.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(offset.wholeMilliseconds, forKey: .offsetMs)
        try container.encode(instance, forKey: .instance)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(hold.wholeMilliseconds, forKey: .holdMs)
    }
}
