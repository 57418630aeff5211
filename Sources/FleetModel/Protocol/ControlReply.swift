/// Supervisor → client: the one reply to a ``ControlRequest``.
///
/// On the wire: `{"v":1,"type":"result","id":"s1","ok":true,"fleet":"workshop","results":[…]}`;
/// in Swift, the ``Body`` says which kind of reply it is and carries exactly its fields.
public struct ControlReply: Sendable, Equatable {
    /// The request's `id`, echoed.
    public var id: String?
    public var body: Body

    /// What a reply says.
    public enum Body: Sendable, Equatable {
        /// `ping` answered.
        case pong(fleet: String)
        /// `status`: the fleet's instances, in order.
        case status(fleet: String, instances: [InstanceStatus])
        /// `start`/`stop`: one outcome per addressed instance.
        case result(fleet: String, results: [InstanceResult])
        /// A command without data to return was accepted (`shutdown`, `chaos_stop`).
        case done(fleet: String)
        /// `chaos`: the plan now running.
        case chaos(fleet: String, summary: ChaosSummary)
        /// `traffic_*`: the background traffic after the command.
        case traffic(fleet: String, status: TrafficStatus)
        /// The request was refused.
        case error(ControlErrorBody)
    }

    public init(id: String?, _ body: Body) {
        self.id = id
        self.body = body
    }

    /// False for an error reply.
    public var ok: Bool {
        if case .error = body { return false }
        return true
    }

    /// An error reply.
    public static func failure(id: String?, code: String, message: String) -> ControlReply {
        ControlReply(id: id, .error(ControlErrorBody(code: code, message: message)))
    }
}

extension ControlReply: Codable {
    /// The JSON object as it travels.
    private struct Wire: Codable {
        var v = ControlProtocol.version
        var type: String
        var id: String?
        var ok: Bool
        var fleet: String?
        var instances: [InstanceStatus]?
        var results: [InstanceResult]?
        var error: ControlErrorBody?
        var chaos: ChaosSummary?
        var traffic: TrafficStatus?
    }

    public init(from decoder: any Decoder) throws {
        let wire = try Wire(from: decoder)
        id = wire.id
        let fleet = wire.fleet ?? ""
        switch (wire.type, wire.error, wire.instances, wire.results, wire.chaos) {
        case ("error", let error?, _, _, _): body = .error(error)
        case ("pong", _, _, _, _): body = .pong(fleet: fleet)
        case ("status", _, let instances?, _, _): body = .status(fleet: fleet, instances: instances)
        case ("result", _, _, let results?, _): body = .result(fleet: fleet, results: results)
        case ("ok", _, _, _, _): body = .done(fleet: fleet)
        case ("chaos", _, _, _, let summary?): body = .chaos(fleet: fleet, summary: summary)
        case ("traffic", _, _, _, _) where wire.traffic != nil: body = .traffic(fleet: fleet, status: wire.traffic!)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a reply of type '\(wire.type)' without its fields"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var wire: Wire
        switch body {
        case .pong(let fleet): wire = Wire(type: "pong", id: id, ok: true, fleet: fleet)
        case .status(let fleet, let instances): wire = Wire(type: "status", id: id, ok: true, fleet: fleet, instances: instances)
        case .result(let fleet, let results): wire = Wire(type: "result", id: id, ok: true, fleet: fleet, results: results)
        case .done(let fleet): wire = Wire(type: "ok", id: id, ok: true, fleet: fleet)
        case .chaos(let fleet, let summary): wire = Wire(type: "chaos", id: id, ok: true, fleet: fleet, chaos: summary)
        case .traffic(let fleet, let status): wire = Wire(type: "traffic", id: id, ok: true, fleet: fleet, traffic: status)
        case .error(let error): wire = Wire(type: "error", id: id, ok: false, error: error)
        }
        try wire.encode(to: encoder)
    }
}
