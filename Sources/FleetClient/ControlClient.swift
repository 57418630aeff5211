import FleetModel
import Foundation
import ZeroMQ

/// A client of a running fleet's command endpoint: what the CLI and the console use, and what
/// any ZeroMQ REQ socket can do (see `docs/control-protocol.md`).
public struct ControlClient: Sendable {
    public let endpoint: ControlEndpointAddress
    public let timeout: Duration
    /// The CURVE keys to connect with when the control plane requires them.
    public let curve: CurveClientKeys?

    /// Status replies of large fleets exceed the request limit; the supervisor is trusted.
    static let maxReplyBytes = 4 << 20

    public init(endpoint: ControlEndpointAddress, timeout: Duration = .seconds(10), curve: CurveClientKeys? = nil) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.curve = curve
    }

    /// Sends `command` and waits (bounded by `timeout`) for the reply.
    /// - Throws: ``FleetClientError`` when the fleet does not answer or refuses the request.
    public func send(_ command: ControlCommand, id: String? = nil) throws -> ControlReply.Body {
        try FleetClientError.checkRunning(endpoint)
        let context = try ZMQContext()
        defer { context.shutdown() }
        let socket = try context.makeSocket(.req)
        defer { socket.close() }
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        try socket.setReceiveTimeout(milliseconds: milliseconds)
        try socket.setSendTimeout(milliseconds: milliseconds)
        try socket.setMaxMessageSize(Int64(Self.maxReplyBytes))
        try socket.applyCurve(curve)
        try socket.connect(endpoint.description)
        guard try socket.send([ControlProtocol.encode(ControlRequest(command, id: id))], wait: true) else {
            throw FleetClientError.notRunning(endpoint: endpoint, reason: "cannot send")
        }
        guard let frames = try socket.receive(wait: true), let payload = frames.last else {
            throw FleetClientError.notRunning(endpoint: endpoint, reason: "no answer within \(timeout)")
        }
        let reply = try ControlProtocol.decode(ControlReply.self, from: payload, maxBytes: Self.maxReplyBytes)
        if case .error(let error) = reply.body { throw FleetClientError.refused(error) }
        return reply.body
    }
}
