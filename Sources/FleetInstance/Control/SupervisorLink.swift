import FleetModel
import FleetProcess
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import Synchronization
import ZeroMQ

/// The instance's side of the control plane: a DEALER (routing id = instance id) connected to the
/// supervisor's ROUTER.
///
/// It registers, answers each of the supervisor's heartbeats with its own, executes the supervisor's commands through the same
/// `ScenarioController` as the HTTP API and acknowledges them with the resulting state, and
/// reports changes made over HTTP so the supervisor's view stays true.
///
/// An instance must never outlive its supervisor. Three guards, any one enough:
/// the kernel's parent-death signal (SIGTERM), a check that the parent pid is unchanged, and
/// the loss of the supervisor's heartbeats. Each ends this service with an error, which shuts
/// the instance down gracefully (the scenario is stopped and its files deleted).
public struct SupervisorLink: Service {
    let runtime: InstanceRuntime
    let endpoint: ControlEndpointAddress
    let supervisorPID: Int32?
    let settings: SupervisorSettings
    /// The CURVE keys when the control plane requires them (`supervisor.control.curve`).
    let curve: CurveClientKeys?
    let logger: Logger

    /// Why the link ended the instance.
    public enum LinkError: Error, CustomStringConvertible {
        case supervisorGone(String)

        public var description: String {
            switch self {
            case .supervisorGone(let reason): return "supervisor gone: \(reason)"
            }
        }
    }

    public init(
        runtime: InstanceRuntime, endpoint: ControlEndpointAddress, supervisorPID: Int32?, settings: SupervisorSettings,
        curve: CurveClientKeys? = nil, logger: Logger
    ) {
        self.curve = curve
        self.runtime = runtime
        self.endpoint = endpoint
        self.supervisorPID = supervisorPID
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        let context = try ZMQContext()
        let socket = try context.makeSocket(.dealer)
        try socket.setRoutingID(Array(runtime.identity.id.utf8))
        try socket.setMaxMessageSize(Int64(ControlProtocol.maxMessageBytes))
        try socket.setReconnectInterval(milliseconds: 100)
        if let curve {
            try socket.makeCurveClient(
                serverKey: curve.serverPublicKey, publicKey: curve.client.publicKey, secretKey: curve.client.secretKey)
        }
        try socket.connect(endpoint.description)

        let watch = SupervisorWatch(
            clock: LivenessClock(interval: settings.heartbeatInterval, misses: settings.heartbeatMisses),
            supervisorPID: supervisorPID)
        let (losses, lossContinuation) = AsyncStream.makeStream(of: LinkError.self, bufferingPolicy: .bufferingNewest(1))
        let logger = self.logger
        // The loop is created before the closure that uses it, so it reaches it through a box.
        let loopBox = LoopBox()
        let heartbeatReplies = HeartbeatReplies(instance: runtime.identity.id)
        let loop = ZMQEventLoop(
            // Heartbeats are answered and checked on this thread: request work on the
            // cooperative pool cannot delay them. The check runs only after a silence a quarter
            // of an interval longer than the supervisor's heartbeat interval: while heartbeats
            // arrive (a little late or early, as a busy supervisor sends them) they are the
            // proof, and the thread wakes once per heartbeat instead of twice; across 200 idle
            // instances every wake-up counts. Silent checks 1.25 intervals apart stay within the
            // clock's two-interval bound for "this side ran". The parent-death signal covers a
            // supervisor that dies between two heartbeats; the parent check runs at the first
            // silent tick.
            name: "link-\(runtime.identity.id)", sockets: [socket],
            tickInterval: settings.heartbeatInterval + settings.heartbeatInterval / 4, tickPolicy: .afterSilence,
            onMessage: { [self] _, frames in
                // Anything from the supervisor proves it alive, even before it is handled.
                watch.heard(at: .now)
                // A DEALER receives the ROUTER's payload without the routing frame.
                guard frames.count == 1 else {
                    logger.warning("dropped control message with \(frames.count) frames")
                    return
                }
                guard let loop = loopBox.loop else { return }
                handle(frames[0], loop: loop, heartbeatReplies: heartbeatReplies)
            },
            onTick: { [self] in
                if let loss = watch.loss(at: .now) { lossContinuation.yield(loss) }
            },
            onError: { error in logger.warning("control link: \(error)") })
        loopBox.loop = loop
        loop.start()
        defer {
            loop.stop()
            // The handler holds the box and the loop holds the handler: break the cycle.
            loopBox.loop = nil
            context.shutdown()
        }

        send(InstanceReport(
            instance: runtime.identity.id, scenario: runtime.controller.current,
            .register(pid: getpid(), port: runtime.identity.port)), on: loop)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await loss in losses { throw loss }
            }
            group.addTask {
                for await change in runtime.controller.changes() where change.origin != .supervisor {
                    send(InstanceReport(
                        instance: runtime.identity.id, scenario: change.running ? change.alias : nil,
                        .state(origin: change.origin)), on: loop)
                }
            }
            group.addTask {
                // Returns when shutdown begins: the link then ends with the instance.
                try? await gracefulShutdown()
            }
            // Whichever finishes first (shutdown, or the supervisor lost) ends the link.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Runs on the link's loop thread, and never waits. A start is decided and acknowledged
    /// right here, before the scenario's own work is even scheduled: on a busy machine (50
    /// instances starting scenario3 on 2 cores) that work would otherwise delay the ack. A stop
    /// is acknowledged by the thread on which the scenario finishes releasing what it held, so
    /// it never holds up the next message (a heartbeat, or another order).
    private func handle(_ bytes: [UInt8], loop: ZMQEventLoop, heartbeatReplies: HeartbeatReplies) {
        let order: SupervisorOrder
        if bytes == SupervisorOrder.encodedHeartbeat {
            // Recognised byte for byte: the message of every second needs no JSON decoder.
            order = .heartbeat
        } else {
            do {
                order = try ControlProtocol.decode(SupervisorOrder.self, from: bytes)
            } catch {
                logger.warning("dropped control message: \(error)")
                return
            }
        }
        let id: String, action: FleetModel.ScenarioAction
        switch order {
        case .heartbeat:
            // Answered in the same wake-up that received it: the supervisor hears all its
            // instances in one burst after each round of heartbeats, not one at a time.
            loop.send([heartbeatReplies.reply(scenario: runtime.controller.current)], on: 0)
            return
        case .command(let commandID, let commandAction):
            (id, action) = (commandID, commandAction)
        }
        let controller = runtime.controller
        switch action {
        case .start(let scenario):
            let outcome: CommandOutcome
            switch controller.start(scenario, origin: .supervisor) {
            case .started: outcome = .started
            case .alreadyRunning: outcome = .alreadyRunning
            case .conflict: outcome = .conflict
            }
            acknowledge(id, outcome: outcome, on: loop)
        case .stop(let scenario):
            controller.stop(scenario, origin: .supervisor) { outcome in
                acknowledge(id, outcome: outcome == .stopped ? .stopped : .notRunning, on: loop)
            }
        case .stopAll:
            controller.stopAll(origin: .supervisor) { stopped in
                acknowledge(id, outcome: stopped != nil ? .stopped : .notRunning, on: loop)
            }
        }
    }

    private func acknowledge(_ id: String, outcome: CommandOutcome, on loop: ZMQEventLoop) {
        send(InstanceReport(
            instance: runtime.identity.id, scenario: runtime.controller.current, .ack(id: id, outcome: outcome)), on: loop)
    }

    private func send(_ report: InstanceReport, on loop: ZMQEventLoop) {
        loop.send([ControlProtocol.encode(report)], on: 0)
    }
}

/// The supervisor as the link's loop thread sees it: when it was heard, and whether it is gone (missed heartbeats, see `LivenessClock`, or a new parent).
private final class SupervisorWatch: Sendable {
    private let supervisorPID: Int32?
    private let state: Mutex<(clock: LivenessClock, reported: Bool)>

    init(clock: LivenessClock, supervisorPID: Int32?) {
        self.supervisorPID = supervisorPID
        state = Mutex((clock, false))
    }

    func heard(at now: ContinuousClock.Instant) {
        state.withLock { $0.clock.heard(at: now) }
    }

    /// Why the supervisor counts as gone, the first time it does; nil otherwise.
    func loss(at now: ContinuousClock.Instant) -> SupervisorLink.LinkError? {
        state.withLock { state in
            guard !state.reported else { return nil }
            var reason: String?
            if let supervisorPID, getppid() != supervisorPID {
                reason = "parent process \(supervisorPID) exited"
            } else if state.clock.isLost(at: now) {
                if let supervisorPID, ProcessState.isStopped(supervisorPID) {
                    // Stopped (SIGSTOP, a debugger), not dead: it sends again once it continues,
                    // and a fleet that waits for it needs no restart storm.
                    state.clock.heard(at: now)
                } else {
                    reason = "no heartbeat for \(state.clock.deadline)"
                }
            }
            guard let reason else { return nil }
            state.reported = true
            return .supervisorGone(reason)
        }
    }
}

/// Lets the loop's message handler reach the loop it runs on (set once, before it starts).
private final class LoopBox: Sendable {
    private let stored = Mutex<ZMQEventLoop?>(nil)

    var loop: ZMQEventLoop? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
