import FleetModel
import Foundation
import ZeroMQ

/// A subscriber to a running fleet's event stream (the supervisor's PUB endpoint).
///
/// Blocking by design, like ``ControlClient``: it is used from command-line commands that do
/// nothing else while they follow events. Every wait is bounded by `pollInterval`.
public final class EventSubscriber {
    /// One received event: its raw JSON, and the decoded event when it could be decoded.
    public struct Received: Sendable {
        public var payload: [UInt8]
        public var event: FleetEvent?
    }

    private let context: ZMQContext
    private let socket: ZMQSocket

    /// Connects to `endpoint`, subscribed to every event whose name starts with `topicPrefix`.
    /// - Throws: ``FleetClientError/notRunning(endpoint:reason:)`` when no supervisor runs there.
    public init(
        endpoint: ControlEndpointAddress, topicPrefix: String = "", pollInterval: Duration = .milliseconds(200),
        curve: CurveClientKeys? = nil
    ) throws {
        try FleetClientError.checkRunning(endpoint)
        context = try ZMQContext()
        do {
            socket = try context.makeSocket(.sub)
            try socket.subscribe(Array(topicPrefix.utf8))
            try socket.setReceiveTimeout(milliseconds: Int32(clamping: pollInterval.wholeMilliseconds))
            try socket.applyCurve(curve)
            try socket.connect(endpoint.description)
        } catch {
            context.shutdown()
            throw error
        }
    }

    deinit {
        socket.close()
        context.shutdown()
    }

    /// The next event, or nil when none came within the poll interval.
    public func next() throws -> Received? {
        guard let frames = try socket.receive(wait: true), let payload = frames.last else { return nil }
        return Received(payload: payload, event: try? ControlProtocol.decode(FleetEvent.self, from: payload))
    }
}
