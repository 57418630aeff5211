/// One event on the supervisor's PUB endpoint. Sent as two frames: the topic (the event's
/// name, so subscribers can filter by prefix, e.g. `scenario.`) and this JSON:
/// `{"v":1,"seq":17,"time":"…","event":"scenario.started","instance":"svc-02","scenario":"scenario1","origin":"http"}`.
public struct FleetEvent: Sendable, Equatable {
    /// Increases by one per event from 1; a gap tells a subscriber it missed events.
    public var seq: UInt64
    /// ISO-8601 UTC with milliseconds.
    public var time: String
    /// What happened, with exactly the fields that belong to it.
    public var happening: Happening

    /// Every kind of event, with its fields.
    public enum Happening: Sendable, Equatable {
        case scenarioStarted(instance: String, scenario: ScenarioAlias, origin: EventOrigin)
        case scenarioStopped(instance: String, scenario: ScenarioAlias, origin: EventOrigin)
        /// An instance registered; `detail` is `pid N`.
        case instanceUp(instance: String, detail: String)
        /// An instance process ended; `detail` is its exit status or signal.
        case instanceDown(instance: String, detail: String)
        /// The supervisor started it again; `detail` is `restart N`.
        case instanceRestarted(instance: String, detail: String)
        case fleetStopping
        case chaosInjected(instance: String, scenario: ScenarioAlias)
        /// Chaos left the instance alone; `reason` says why (down, busy with a student's scenario).
        case chaosSkipped(instance: String, scenario: ScenarioAlias, reason: String)
        /// The background traffic's knobs changed (`fleet traffic set`); carries the new ones.
        case trafficChanged(TrafficParameters)
        case trafficPaused(TrafficParameters)
        case trafficResumed(TrafficParameters)
    }

    /// The event names (and topics).
    public enum Kind: String, Codable, Sendable {
        case scenarioStarted = "scenario.started"
        case scenarioStopped = "scenario.stopped"
        case instanceUp = "instance.up"
        case instanceDown = "instance.down"
        case instanceRestarted = "instance.restarted"
        case fleetStopping = "fleet.stopping"
        case chaosInjected = "chaos.injected"
        case chaosSkipped = "chaos.skipped"
        case trafficChanged = "traffic.changed"
        case trafficPaused = "traffic.paused"
        case trafficResumed = "traffic.resumed"
    }

    public init(seq: UInt64, time: String, _ happening: Happening) {
        self.seq = seq
        self.time = time
        self.happening = happening
    }

    /// The event's name, also its topic.
    public var kind: Kind { wire.event }

    /// The fields as they travel, for printing (`fleet events`).
    public var instance: String? { wire.instance }
    public var scenario: ScenarioAlias? { wire.scenario }
    public var origin: EventOrigin? { wire.origin }
    public var detail: String? { wire.detail }
    /// The traffic knobs of a `traffic.*` event.
    public var traffic: TrafficParameters? { wire.traffic }
}

extension FleetEvent: Codable {
    private struct Wire: Codable {
        var v = ControlProtocol.version
        var seq: UInt64
        var time: String
        var event: Kind
        var instance: String?
        var scenario: ScenarioAlias?
        var origin: EventOrigin?
        var detail: String?
        var traffic: TrafficParameters?
    }

    private var wire: Wire {
        var wire = Wire(seq: seq, time: time, event: .fleetStopping)
        switch happening {
        case .scenarioStarted(let instance, let scenario, let origin), .scenarioStopped(let instance, let scenario, let origin):
            if case .scenarioStarted = happening { wire.event = .scenarioStarted } else { wire.event = .scenarioStopped }
            (wire.instance, wire.scenario, wire.origin) = (instance, scenario, origin)
        case .instanceUp(let instance, let detail):
            (wire.event, wire.instance, wire.detail) = (.instanceUp, instance, detail)
        case .instanceDown(let instance, let detail):
            (wire.event, wire.instance, wire.detail) = (.instanceDown, instance, detail)
        case .instanceRestarted(let instance, let detail):
            (wire.event, wire.instance, wire.detail) = (.instanceRestarted, instance, detail)
        case .fleetStopping:
            break
        case .chaosInjected(let instance, let scenario):
            (wire.event, wire.instance, wire.scenario, wire.origin) = (.chaosInjected, instance, scenario, .chaos)
        case .chaosSkipped(let instance, let scenario, let reason):
            (wire.event, wire.instance, wire.scenario, wire.origin, wire.detail) = (.chaosSkipped, instance, scenario, .chaos, reason)
        case .trafficChanged(let parameters):
            (wire.event, wire.traffic) = (.trafficChanged, parameters)
        case .trafficPaused(let parameters):
            (wire.event, wire.traffic) = (.trafficPaused, parameters)
        case .trafficResumed(let parameters):
            (wire.event, wire.traffic) = (.trafficResumed, parameters)
        }
        return wire
    }

    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        seq = wire.seq
        time = wire.time
        switch (wire.event, wire.instance, wire.scenario) {
        case (.scenarioStarted, let instance?, let scenario?):
            happening = .scenarioStarted(instance: instance, scenario: scenario, origin: wire.origin ?? .instance)
        case (.scenarioStopped, let instance?, let scenario?):
            happening = .scenarioStopped(instance: instance, scenario: scenario, origin: wire.origin ?? .instance)
        case (.instanceUp, let instance?, _): happening = .instanceUp(instance: instance, detail: wire.detail ?? "")
        case (.instanceDown, let instance?, _): happening = .instanceDown(instance: instance, detail: wire.detail ?? "")
        case (.instanceRestarted, let instance?, _): happening = .instanceRestarted(instance: instance, detail: wire.detail ?? "")
        case (.fleetStopping, _, _): happening = .fleetStopping
        case (.chaosInjected, let instance?, let scenario?): happening = .chaosInjected(instance: instance, scenario: scenario)
        case (.chaosSkipped, let instance?, let scenario?):
            happening = .chaosSkipped(instance: instance, scenario: scenario, reason: wire.detail ?? "")
        case (.trafficChanged, _, _) where wire.traffic != nil: happening = .trafficChanged(wire.traffic!)
        case (.trafficPaused, _, _) where wire.traffic != nil: happening = .trafficPaused(wire.traffic!)
        case (.trafficResumed, _, _) where wire.traffic != nil: happening = .trafficResumed(wire.traffic!)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a '\(wire.event.rawValue)' event without its fields"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try wire.encode(to: encoder)
    }
}
