import FleetModel
import Logging
import Synchronization
import ZeroMQ

/// The generator's end of the traffic link: a SUB socket on its own loop thread that keeps
/// the latest ``TrafficOrder`` heard from the supervisor. Malformed frames are dropped with a
/// log line (at most one a second).
final class TrafficFollower: Sendable {
    /// The latest order and when it arrived.
    struct Heard: Sendable {
        var order: TrafficOrder
        var at: ContinuousClock.Instant
    }

    private let context: ZMQContext
    private let loop: ZMQEventLoop
    private let latest = Latest()

    private final class Latest: Sendable {
        let heard = Mutex<Heard?>(nil)
        let lastWarning = Mutex<ContinuousClock.Instant?>(nil)
    }

    init(endpoint: ControlEndpointAddress, logger: Logger) throws {
        context = try ZMQContext()
        let socket: ZMQSocket
        do {
            socket = try context.makeSocket(.sub)
            try socket.setMaxMessageSize(Int64(ControlProtocol.maxMessageBytes))
            try socket.setReconnectInterval(milliseconds: 100)
            try socket.subscribe(Array(TrafficOrder.topic.utf8))
            try socket.connect(endpoint.description)
        } catch {
            context.shutdown()
            throw error
        }
        let latest = self.latest
        loop = ZMQEventLoop(
            name: "traffic-follow", sockets: [socket], tickInterval: .milliseconds(250),
            onMessage: { _, frames in
                do {
                    guard frames.count == 2 else { throw ControlProtocolError.malformed("expected 2 frames, got \(frames.count)") }
                    let order = try ControlProtocol.decode(TrafficOrder.self, from: frames[1])
                    guard order.type == TrafficOrder.typeName else { throw ControlProtocolError.malformed("unknown type '\(order.type)'") }
                    latest.heard.withLock { $0 = Heard(order: order, at: .now) }
                } catch {
                    let now = ContinuousClock.now
                    let log = latest.lastWarning.withLock { last in
                        if let previous = last, now - previous < .seconds(1) { return false }
                        last = now
                        return true
                    }
                    if log { logger.warning("dropped traffic link message: \(error)") }
                }
            },
            onTick: {},
            onError: { error in logger.warning("traffic link: \(error)") })
        loop.start()
    }

    var heard: Heard? { latest.heard.withLock { $0 } }

    func close() {
        loop.stop()
        context.shutdown()
    }
}
