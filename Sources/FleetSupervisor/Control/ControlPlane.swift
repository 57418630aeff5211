import FleetModel
import Foundation
import Logging
import Synchronization
import ZeroMQ

/// The supervisor's three ZeroMQ endpoints, owned by one loop thread:
///
/// - index 0, ROUTER for instances (their DEALERs use their id as routing id);
/// - index 1, ROUTER for commands (clients use REQ, or DEALER with an empty delimiter);
/// - index 2, PUB for events (two frames: topic, JSON), numbered from 1.
///
/// Inbound messages arrive on two streams for the supervisor actor: instance traffic on
/// `instanceInbound` and client requests on `commandInbound`. Separate, so that a flood of
/// requests can never push instance heartbeats out of a shared buffer (healthy instances would
/// then look hung); a request that finds the command queue full is answered `busy` at once.
final class ControlPlane: Sendable {
    /// One received message.
    enum Inbound: Sendable {
        /// From an instance: its routing id and the payload frames after it.
        case instance(routingID: [UInt8], frames: [[UInt8]])
        /// From a client: the envelope to reply with (routing id, and the empty delimiter for
        /// REQ clients) and the payload frames.
        case command(envelope: [[UInt8]], frames: [[UInt8]])
    }

    static let instanceSocket = 0
    static let commandSocket = 1
    static let eventSocket = 2
    /// The ZAP handler of a CURVE control plane.
    static let zapSocket = 3

    /// The supervisor's key pair and the client keys it serves.
    struct CurveServerKeys: Sendable {
        var server: CurveKeyPair
        /// The authorised public keys, as the 32 bytes ZAP requests carry.
        var authorizedBinary: Set<[UInt8]>
    }

    /// The keys of `config`'s control plane, created in the data folder when missing; nil without CURVE.
    static func curveKeys(_ config: FleetConfig) throws -> CurveServerKeys? {
        guard config.supervisor.control.curve else { return nil }
        guard ZMQCurve.isSupported else {
            throw CurveUnavailable(description: "supervisor.control.curve is true but this libzmq has no CURVE support (zmq_has(\"curve\") is false)")
        }
        let (server, authorized) = try config.curveKeys.prepareServer {
            let pair = try ZMQCurve.keyPair()
            return CurveKeyPair(publicKey: pair.publicKey, secretKey: pair.secretKey)
        }
        return CurveServerKeys(server: server, authorizedBinary: Set(authorized.compactMap(ZMQCurve.binaryKey)))
    }

    /// CURVE was asked for and libzmq cannot do it.
    struct CurveUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    let instanceInbound: AsyncStream<Inbound>
    let commandInbound: AsyncStream<Inbound>
    private let instanceContinuation: AsyncStream<Inbound>.Continuation
    private let commandContinuation: AsyncStream<Inbound>.Continuation
    /// Requests waiting for the supervisor by default; more are refused with `busy`.
    static let defaultMaxQueuedCommands = 1024
    private let context: ZMQContext
    private let loop: ZMQEventLoop
    private let sequence = Atomic<UInt64>(0)

    /// Registered instances, which get a heartbeat every `heartbeatInterval` from the loop thread.
    private let heartbeats: HeartbeatRoster
    /// Repeated heartbeats, taken on the loop thread (see ``HeartbeatShortcut``).
    let heartbeatShortcut: HeartbeatShortcut

    /// Binds the three endpoints. For `ipc://` endpoints a stale socket file is replaced (the
    /// data folder lock guarantees no other supervisor uses it).
    ///
    /// With `curve`, every socket is a CURVE server, and a ZAP handler (index 3, on this loop)
    /// admits only the authorised client keys: other peers never complete the handshake.
    init(
        instances: ControlEndpointAddress, commands: ControlEndpointAddress, events: ControlEndpointAddress,
        heartbeatInterval: Duration, maxQueuedCommands: Int = ControlPlane.defaultMaxQueuedCommands,
        curve: CurveServerKeys? = nil, logger: Logger
    ) throws {
        context = try ZMQContext()
        var sockets: [ZMQSocket] = []
        var zap: ZMQSocket?
        do {
            // The ZAP handler is bound before any CURVE server socket: libzmq's I/O thread
            // accepts and handshakes as soon as a socket is bound, and a handshake that finds no
            // handler is let through unauthenticated (ZMQ_ZAP_ENFORCE_DOMAIN is off by default).
            // Requests wait in its queue until the loop below runs.
            if curve != nil {
                zap = try context.makeSocket(.router)
                try zap?.bind(ZMQCurve.zapEndpoint)
            }
            for (type, endpoint) in [(ZMQSocketType.router, instances), (.router, commands), (.pub, events)] {
                let socket = try context.makeSocket(type)
                sockets.append(socket)
                try socket.setMaxMessageSize(Int64(ControlProtocol.maxMessageBytes))
                if type == .router { try socket.setRouterMandatory(true) }
                if let curve { try socket.makeCurveServer(secretKey: curve.server.secretKey, zapDomain: "fleet") }
                try socket.bind(endpoint.description)
            }
            // Index 3 (`zapSocket`), after the three endpoints.
            if let zap { sockets.append(zap) }
        } catch {
            zap?.close()
            for socket in sockets { socket.close() }
            context.shutdown()
            throw error
        }
        // Instances send a few messages a second each: this bound is never reached in practice.
        let (instanceStream, instanceContinuation) = AsyncStream.makeStream(of: Inbound.self, bufferingPolicy: .bufferingNewest(65_536))
        let (commandStream, commandContinuation) = AsyncStream.makeStream(
            of: Inbound.self, bufferingPolicy: .bufferingOldest(maxQueuedCommands))
        instanceInbound = instanceStream
        commandInbound = commandStream
        self.instanceContinuation = instanceContinuation
        self.commandContinuation = commandContinuation
        let busyReplies = LoopReference()
        let heartbeats = HeartbeatRoster(interval: heartbeatInterval)
        self.heartbeats = heartbeats
        let shortcut = HeartbeatShortcut()
        self.heartbeatShortcut = shortcut
        loop = ZMQEventLoop(
            // Heartbeats go out from this thread's tick: neither a busy supervisor actor nor a
            // starved cooperative pool (spawning 200 instances on two cores) can delay them.
            name: "control-plane", sockets: sockets, tickInterval: heartbeatInterval,
            onMessage: { index, frames in
                switch index {
                case Self.instanceSocket:
                    guard frames.count >= 2 else {
                        logger.warning("dropped instance message with \(frames.count) frame(s)")
                        return
                    }
                    if frames.count == 2, shortcut.take(frames[1], from: frames[0], at: .now) { return }
                    instanceContinuation.yield(.instance(routingID: frames[0], frames: Array(frames.dropFirst())))
                case Self.commandSocket:
                    // REQ: [id, "", payload]; DEALER: [id, payload] or [id, "", payload].
                    guard frames.count >= 2 else {
                        logger.warning("dropped command message with \(frames.count) frame(s)")
                        return
                    }
                    let hasDelimiter = frames.count >= 3 && frames[1].isEmpty
                    let envelope = hasDelimiter ? [frames[0], []] : [frames[0]]
                    let result = commandContinuation.yield(.command(envelope: envelope, frames: Array(frames.dropFirst(envelope.count))))
                    if case .dropped = result {
                        // On the loop thread, which may send on its own sockets.
                        let busy = ControlReply.failure(id: nil, code: "busy", message: "too many requests waiting; retry later")
                        busyReplies.loop?.send(envelope + [ControlProtocol.encode(busy)], on: Self.commandSocket)
                    }
                case Self.zapSocket:
                    // ROUTER envelope: [peer, "", request…]; the reply keeps it.
                    guard frames.count >= 3, let curve else { return }
                    let reply = ZMQCurve.zapReply(to: Array(frames.dropFirst(2)), authorized: curve.authorizedBinary)
                    if reply[2] != Array("200".utf8) { logger.warning("control plane: refused a client whose CURVE key is not authorised") }
                    busyReplies.loop?.send([frames[0], []] + reply, on: Self.zapSocket)
                default:
                    break
                }
            },
            onTick: {
                guard let loop = busyReplies.loop else { return }
                for id in heartbeats.due(at: .now) {
                    loop.send([id, SupervisorOrder.encodedHeartbeat], on: Self.instanceSocket)
                }
            },
            onError: { error in logger.warning("control plane: \(error)") })
        busyReplies.loop = loop
        loop.start()
    }

    /// Starts sending heartbeats to instance `id` (once it registered).
    func startHeartbeats(to id: String) { heartbeats.insert(id) }

    /// Stops the heartbeats to instance `id` (its process ended).
    func stopHeartbeats(to id: String) {
        heartbeats.remove(id)
        heartbeatShortcut.forget(id)
    }

    /// Sends `order` to instance `id`.
    func send(_ order: SupervisorOrder, toInstance id: String) {
        loop.send([Array(id.utf8), ControlProtocol.encode(order)], on: Self.instanceSocket)
    }

    /// Replies to a client.
    func reply(_ reply: ControlReply, envelope: [[UInt8]]) {
        loop.send(envelope + [ControlProtocol.encode(reply)], on: Self.commandSocket)
    }

    /// Publishes an event with the next sequence number; returns it.
    @discardableResult
    func publish(_ happening: FleetEvent.Happening) -> FleetEvent {
        let event = FleetEvent(seq: sequence.add(1, ordering: .relaxed).newValue, time: Date().iso8601Milliseconds, happening)
        loop.send([Array(event.kind.rawValue.utf8), ControlProtocol.encode(event)], on: Self.eventSocket)
        return event
    }

    /// Stops the loop and closes the sockets.
    func close() {
        instanceContinuation.finish()
        commandContinuation.finish()
        loop.stop()
        context.shutdown()
    }
}

/// The instances that get heartbeats, and when they last got one: read by the loop thread's
/// tick, written by the supervisor.
private final class HeartbeatRoster: Sendable {
    private let state: Mutex<(targets: Set<[UInt8]>, pacer: IntervalPacer)>

    init(interval: Duration) {
        state = Mutex(([], IntervalPacer(interval: interval)))
    }

    func insert(_ id: String) { _ = state.withLock { $0.targets.insert(Array(id.utf8)) } }
    func remove(_ id: String) { _ = state.withLock { $0.targets.remove(Array(id.utf8)) } }

    /// The routing ids to send a heartbeat to now: all of them once per interval, else none.
    func due(at now: ContinuousClock.Instant) -> Set<[UInt8]> {
        state.withLock { state in state.pacer.take(at: now) ? state.targets : [] }
    }
}

/// Lets the loop's own callback reach the loop, which exists only after the callback is made.
private final class LoopReference: @unchecked Sendable {
    // Written once before the loop starts, read only on the loop thread afterwards.
    var loop: ZMQEventLoop?
}
