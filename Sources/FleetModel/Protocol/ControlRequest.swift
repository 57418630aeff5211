/// CLI (or any client) → supervisor, on the command endpoint (the supervisor's ROUTER; clients
/// use REQ, or DEALER with an empty delimiter frame).
///
/// On the wire: `{"v": 1, "type": "start", "id": "s1", "scenario": "scenario3", "instances": ["svc-01"]}`
/// (see `docs/control-protocol.md`). In Swift a request is its ``ControlCommand``: the optional
/// fields of the wire exist only in ``ControlRequest/Wire``.
public struct ControlRequest: Sendable, Equatable {
    /// Echoed in the reply.
    public var id: String?
    public var command: ControlCommand

    public init(_ command: ControlCommand, id: String? = nil) {
        self.command = command
        self.id = id
    }
}

extension ControlRequest: Codable {
    /// The JSON object as it travels: every field any request type may carry.
    struct Wire: Codable {
        var v = ControlProtocol.version
        var type: ControlCommand.Name
        var id: String?
        var scenario: String?
        var instances: InstanceSelection?
        var seed: UInt64?
        var durationMs: Int64?
        var rate: Double?
        var skew: Double?
        var amplitude: Double?

        enum CodingKeys: String, CodingKey {
            case v, type, id, scenario, instances, seed, rate, skew, amplitude
            case durationMs = "duration_ms"
        }
    }

    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        id = wire.id
        do {
            command = try ControlCommand(wire)
        } catch let refusal as ControlCommand.Refusal {
            throw ControlProtocolError.refused(ControlErrorBody(code: refusal.code, message: refusal.message), requestID: wire.id)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = Wire(type: command.name, id: id)
        switch command {
        case .ping, .status, .shutdown, .chaosStop, .trafficStatus, .trafficPause, .trafficResume:
            break
        case .trafficSet(let adjustment):
            (wire.rate, wire.skew, wire.amplitude) = (adjustment.rate, adjustment.skew, adjustment.amplitude)
        case .start(let scenario, let selection):
            wire.scenario = scenario.rawValue
            wire.instances = selection
        case .stop(let target, let selection):
            wire.scenario = target.wireName
            wire.instances = selection
        case .chaos(let seed, let durationMs):
            wire.seed = seed
            wire.durationMs = durationMs
        }
        try wire.encode(to: encoder)
    }
}
