import FleetModel
import Logging
import Synchronization
import ZeroMQ

/// The supervisor's end of the traffic link: one PUB socket, owned by its own loop thread,
/// that sends the generator its ``TrafficOrder`` on every change and once a second.
///
/// The generator holds no authority: it follows the latest order it heard. Sending the whole
/// state, repeatedly, makes the link forgiving: PUB drops messages for a subscriber that is
/// not connected yet (a generator starting or restarting), and the next second repairs that.
final class TrafficLink: Sendable {
    private let context: ZMQContext
    private let loop: ZMQEventLoop
    private let shared = Shared()

    static let resendInterval: Duration = .seconds(1)

    /// What the supervisor and the loop thread share.
    private final class Shared: Sendable {
        let control = Mutex<TrafficControl?>(nil)
        let resend = Mutex(IntervalPacer(interval: TrafficLink.resendInterval))
        /// Lets the tick reach its own loop; emptied at close to break the loop → closure → loop cycle.
        let loop = Mutex<ZMQEventLoop?>(nil)
    }

    /// Binds `endpoint`; a stale ipc socket file is replaced (the data folder lock guarantees
    /// no other supervisor uses it).
    init(endpoint: ControlEndpointAddress, logger: Logger) throws {
        context = try ZMQContext()
        let socket: ZMQSocket
        do {
            socket = try context.makeSocket(.pub)
            try socket.setMaxMessageSize(Int64(ControlProtocol.maxMessageBytes))
            try socket.bind(endpoint.description)
        } catch {
            context.shutdown()
            throw error
        }
        let shared = self.shared
        loop = ZMQEventLoop(
            name: "traffic-link", sockets: [socket], tickInterval: Self.resendInterval / 4,
            onMessage: { _, _ in },
            onTick: {
                let now = ContinuousClock.now
                guard shared.resend.withLock({ $0.take(at: now) }), let order = shared.control.withLock({ $0?.order(at: now) }) else { return }
                shared.loop.withLock { $0 }?.send(Self.frames(order), on: 0)
            },
            onError: { error in logger.warning("traffic link: \(error)") })
        shared.loop.withLock { $0 = loop }
        loop.start()
    }

    /// The topic frame and the JSON of `order`.
    static func frames(_ order: TrafficOrder) -> [[UInt8]] {
        [Array(TrafficOrder.topic.utf8), ControlProtocol.encode(order)]
    }

    /// Makes `control` the state to send, and sends it at once.
    func update(_ control: TrafficControl) {
        shared.control.withLock { $0 = control }
        loop.send(Self.frames(control.order(at: .now)), on: 0)
    }

    func close() {
        loop.stop()
        shared.loop.withLock { $0 = nil }
        context.shutdown()
    }
}
