/// The outcome of a start or stop on one instance.
public struct InstanceResult: Codable, Sendable, Equatable {
    public var instance: String
    public var outcome: CommandOutcome
    /// The scenario running after the command.
    public var scenario: ScenarioAlias?
    /// Round trip of the command to the instance and back, in milliseconds.
    public var latencyMs: Double?

    public init(instance: String, outcome: CommandOutcome, scenario: ScenarioAlias?, latencyMs: Double? = nil) {
        self.instance = instance
        self.outcome = outcome
        self.scenario = scenario
        self.latencyMs = latencyMs
    }

    enum CodingKeys: String, CodingKey {
        case instance, outcome, scenario
        case latencyMs = "latency_ms"
    }
}
