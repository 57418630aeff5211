import FleetModel
import Foundation
import ZeroMQ

/// A client of a running fleet's command endpoint (what the CLI uses; any REQ socket works).
public struct ControlClient {
    public let endpoint: String
    public let timeout: Duration

    /// Why a request got no usable answer.
    public enum ClientError: Error, CustomStringConvertible {
        case notRunning(endpoint: String, reason: String)
        case refused(ControlErrorBody)

        public var description: String {
            switch self {
            case .notRunning(let endpoint, let reason):
                return "the fleet is not running (\(reason) on \(endpoint)); start it with `fleet up`"
            case .refused(let error):
                return "\(error.message) [\(error.code)]"
            }
        }
    }

    /// Status replies of large fleets exceed the request limit; the supervisor is trusted.
    static let maxReplyBytes = 4 << 20

    public init(endpoint: String, timeout: Duration = .seconds(10)) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    /// Sends `request` and waits (bounded by `timeout`) for the reply. Error replies throw.
    public func send(_ request: ControlRequest) throws -> ControlReply {
        if endpoint.hasPrefix("ipc://"), !FileManager.default.fileExists(atPath: String(endpoint.dropFirst(6))) {
            throw ClientError.notRunning(endpoint: endpoint, reason: "no socket")
        }
        let context = try ZMQContext()
        defer { context.shutdown() }
        let socket = try context.makeSocket(.req)
        defer { socket.close() }
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        try socket.setReceiveTimeout(milliseconds: milliseconds)
        try socket.setSendTimeout(milliseconds: milliseconds)
        try socket.setMaxMessageSize(Int64(Self.maxReplyBytes))
        try socket.connect(endpoint)
        guard try socket.send([ControlProtocol.encode(request)], wait: true) else {
            throw ClientError.notRunning(endpoint: endpoint, reason: "cannot send")
        }
        guard let frames = try socket.receive(wait: true), let payload = frames.last else {
            throw ClientError.notRunning(endpoint: endpoint, reason: "no answer within \(timeout)")
        }
        let reply = try ControlProtocol.decode(ControlReply.self, from: payload, maxBytes: Self.maxReplyBytes)
        if !reply.ok, let error = reply.error { throw ClientError.refused(error) }
        return reply
    }
}
