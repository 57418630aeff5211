/// Instance → supervisor, over the instance's DEALER (routing id = instance id).
///
/// On the wire: `{"v":1,"type":"ack","instance":"svc-01","id":"r12","outcome":"started","scenario":"scenario3"}`.
public struct InstanceReport: Sendable, Equatable {
    /// The sender's instance id (it must match its routing id).
    public var instance: String
    /// The scenario running after this message, `nil` when none.
    public var scenario: ScenarioAlias?
    public var kind: Kind

    /// What the report says.
    public enum Kind: Sendable, Equatable {
        /// Sent once at start and again after a reconnect: "I am up", with the process id the
        /// supervisor checks against the one it spawned.
        case register(pid: Int32, port: Int)
        /// Every heartbeat interval.
        case heartbeat
        /// The answer to the command `id`, with its outcome.
        case ack(id: String, outcome: CommandOutcome)
        /// A scenario started or stopped for another reason (a student's HTTP call, shutdown).
        case state(origin: EventOrigin)
    }

    public init(instance: String, scenario: ScenarioAlias?, _ kind: Kind) {
        self.instance = instance
        self.scenario = scenario
        self.kind = kind
    }
}

extension InstanceReport: Codable {
    private enum Name: String, Codable {
        case register, heartbeat, ack, state
    }

    private struct Wire: Codable {
        var v = ControlProtocol.version
        var type: Name
        var instance: String
        var scenario: ScenarioAlias?
        var pid: Int32?
        var port: Int?
        var id: String?
        var outcome: CommandOutcome?
        var origin: EventOrigin?
    }

    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        instance = wire.instance
        scenario = wire.scenario
        switch (wire.type, wire.pid, wire.port, wire.id, wire.outcome, wire.origin) {
        case (.register, let pid?, let port?, _, _, _): kind = .register(pid: pid, port: port)
        case (.heartbeat, _, _, _, _, _): kind = .heartbeat
        case (.ack, _, _, let id?, let outcome?, _): kind = .ack(id: id, outcome: outcome)
        case (.state, _, _, _, _, let origin?): kind = .state(origin: origin)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a '\(wire.type.rawValue)' report without its fields"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = Wire(type: .heartbeat, instance: instance, scenario: scenario)
        switch kind {
        case .register(let pid, let port):
            wire.type = .register
            wire.pid = pid
            wire.port = port
        case .heartbeat:
            break
        case .ack(let id, let outcome):
            wire.type = .ack
            wire.id = id
            wire.outcome = outcome
        case .state(let origin):
            wire.type = .state
            wire.origin = origin
        }
        try wire.encode(to: encoder)
    }
}

/// Supervisor → instance, over the supervisor's ROUTER.
///
/// On the wire: `{"v":1,"type":"heartbeat"}` or `{"v":1,"type":"command","id":"r12","action":"start","scenario":"scenario3"}`.
public enum SupervisorOrder: Sendable, Equatable {
    /// "I am alive."
    case heartbeat
    /// Do `action`; the ack repeats `id`.
    case command(id: String, action: ScenarioAction)
}

/// What a command asks of one instance.
public enum ScenarioAction: Sendable, Equatable {
    case start(ScenarioAlias)
    case stop(ScenarioAlias)
    /// Stop whatever runs.
    case stopAll
}

extension SupervisorOrder: Codable {
    private enum Name: String, Codable {
        case heartbeat, command
    }

    private enum ActionName: String, Codable {
        case start, stop
        case stopAll = "stop_all"
    }

    private struct Wire: Codable {
        var v = ControlProtocol.version
        var type: Name
        var id: String?
        var action: ActionName?
        var scenario: ScenarioAlias?
    }

    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        switch (wire.type, wire.id, wire.action, wire.scenario) {
        case (.heartbeat, _, _, _): self = .heartbeat
        case (.command, let id?, .start?, let scenario?): self = .command(id: id, action: .start(scenario))
        case (.command, let id?, .stop?, let scenario?): self = .command(id: id, action: .stop(scenario))
        case (.command, let id?, .stopAll?, _): self = .command(id: id, action: .stopAll)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a command without id, action or scenario"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        let wire: Wire
        switch self {
        case .heartbeat: wire = Wire(type: .heartbeat)
        case .command(let id, .start(let scenario)): wire = Wire(type: .command, id: id, action: .start, scenario: scenario)
        case .command(let id, .stop(let scenario)): wire = Wire(type: .command, id: id, action: .stop, scenario: scenario)
        case .command(let id, .stopAll): wire = Wire(type: .command, id: id, action: .stopAll)
        }
        try wire.encode(to: encoder)
    }
}
