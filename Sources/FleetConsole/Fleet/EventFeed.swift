import FleetModel
import Logging
import ZeroMQ

/// Follows the supervisor's event stream on a ``ZMQEventLoop`` of its own and hands every event
/// to a ``ConsoleEventHub``.
///
/// The loop's thread sleeps until an event arrives: a console nobody looks at costs the
/// supervisor no wake-ups (a subscriber polling with a timeout, as the CLI's `fleet events`
/// does, woke five times a second). libzmq connects, and reconnects, whenever the supervisor's
/// socket is there.
final class EventFeed: Sendable {
    /// A comment frame goes to every open page after this long without an event, so proxies keep
    /// the connection and a closed browser is noticed.
    static let keepAliveInterval: Duration = .seconds(15)

    private let context: ZMQContext
    private let loop: ZMQEventLoop

    /// Starts following `endpoint` into `hub`, with the fleet's `curve` keys when its control
    /// plane requires them.
    init(endpoint: ControlEndpointAddress, curve: CurveClientKeys?, hub: ConsoleEventHub, logger: Logger) throws {
        context = try ZMQContext()
        do {
            let socket = try context.makeSocket(.sub)
            if let curve {
                try socket.makeCurveClient(
                    serverKey: curve.serverPublicKey, publicKey: curve.client.publicKey, secretKey: curve.client.secretKey)
            }
            try socket.subscribe([])
            try socket.setReconnectInterval(milliseconds: 100)
            try socket.connect(endpoint.description)
            loop = ZMQEventLoop(
                name: "console-events", sockets: [socket],
                tickInterval: Self.keepAliveInterval, tickPolicy: .afterSilence,
                onMessage: { _, frames in
                    // Two frames: the topic (the event's name), then its JSON.
                    guard let payload = frames.last, let event = try? ControlProtocol.decode(FleetEvent.self, from: payload) else {
                        logger.warning("console: dropped an event it could not read", metadata: ["frames": "\(frames.count)"])
                        return
                    }
                    hub.publish(event)
                },
                onTick: { hub.keepAlive() },
                onError: { error in logger.warning("console: event stream: \(error)") })
        } catch {
            context.shutdown()
            throw error
        }
        loop.start()
    }

    /// Stops the loop (at once: it is woken, not polled) and closes its socket.
    func stop() {
        loop.stop()
        context.shutdown()
    }
}
