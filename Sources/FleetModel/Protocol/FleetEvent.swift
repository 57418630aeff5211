/// One event on the supervisor's PUB endpoint. Sent as two frames: the topic (`kind`'s raw
/// value, so subscribers can filter by prefix, e.g. `scenario.`) and this JSON.
public struct FleetEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case scenarioStarted = "scenario.started"
        case scenarioStopped = "scenario.stopped"
        case instanceUp = "instance.up"
        case instanceDown = "instance.down"
        case instanceRestarted = "instance.restarted"
        case fleetStopping = "fleet.stopping"
        case chaosInjected = "chaos.injected"
        case chaosSkipped = "chaos.skipped"
    }

    public var v = ControlProtocol.version
    /// Increases by one per event from 1; a gap tells a subscriber it missed events.
    public var seq: UInt64
    /// ISO-8601 UTC with milliseconds.
    public var time: String
    public var event: Kind
    public var instance: String?
    public var scenario: ScenarioAlias?
    /// Who made a scenario change.
    public var origin: EventOrigin?
    public var detail: String?

    public init(
        seq: UInt64, time: String, event: Kind, instance: String? = nil, scenario: ScenarioAlias? = nil,
        origin: EventOrigin? = nil, detail: String? = nil
    ) {
        self.seq = seq
        self.time = time
        self.event = event
        self.instance = instance
        self.scenario = scenario
        self.origin = origin
        self.detail = detail
    }
}
