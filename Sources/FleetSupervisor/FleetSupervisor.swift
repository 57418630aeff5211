import FleetChaos
import FleetModel
import FleetProcess
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a fleet of instances alive and answers the control plane.
///
/// A thin actor: the decisions are made by value types without I/O (``FleetState`` for
/// supervision, ``AckTracker`` for command acks, `ChaosSchedule` for chaos); the actor feeds
/// them what happens and carries out what they return (spawn, signal, send, publish).
/// ``run(onReady:)`` owns one structured task group: the supervision tick, the instance link
/// stream, the command stream, the start-up and Prometheus.
public actor FleetSupervisor {
    let options: SupervisorOptions
    let logger: Logger
    public nonisolated let metrics: SupervisorMetrics
    var config: FleetConfig { options.config }
    var state: FleetState
    var acks = AckTracker<CommandPurpose>(timeout: FleetSupervisor.ackTimeout)
    /// Chaos runs by number: the current one, and any still ending after being replaced.
    var chaosRuns: [Int: ChaosRunState] = [:]
    var currentChaosRun: Int?
    var lastChaosRun = 0
    var controlPlane: ControlPlane?
    let spawner: DedicatedThread
    /// The control plane's CURVE keys (`supervisor.control.curve`), made when the supervisor is:
    /// the console and the instances, started alongside it, read the fleet's client keys.
    let curve: ControlPlane.CurveServerKeys?
    var dropLog = DropLogThrottle()
    var randomness = SystemRandomNumberGenerator()
    /// The background traffic, when the fleet has it (see `FleetSupervisor+Traffic`).
    var traffic: TrafficControl?
    var trafficLink: TrafficLink?
    private nonisolated let shutdownFlag = Atomic<Bool>(false)

    /// How long a command waits for an instance's ack.
    static let ackTimeout: Duration = .seconds(2)
    /// How often supervision runs.
    static let tickInterval: Duration = .milliseconds(100)

    /// - Throws: when the system has no thread for the spawner.
    public init(options: SupervisorOptions, logger: Logger) throws {
        curve = try ControlPlane.curveKeys(options.config)
        spawner = try DedicatedThread(name: "fleet-spawner")
        self.options = options
        self.logger = logger
        state = FleetState(config: options.config)
        metrics = SupervisorMetrics(
            instanceIDs: options.config.instanceIDs, exposeTruth: options.config.chaos.exposeTruth,
            roster: options.config.classroomRoster)
    }

    /// The HTTP servers of the supervisor's own `/metrics`: on `fleet.host`, and on
    /// `classroom.listen` when set.
    public nonisolated func metricsApplications(logger: Logger) -> [any Service] {
        options.config.listenHosts.map { host in
            SupervisorMetricsServer.makeApplication(
                metrics: metrics, host: host, port: options.config.supervisor.metricsPort, logger: logger)
        }
    }

    /// Asks ``run(onReady:)`` to stop the fleet; returns at once, from any context.
    public nonisolated func requestShutdown() {
        shutdownFlag.store(true, ordering: .relaxed)
    }

    nonisolated var isShutdownRequested: Bool { shutdownFlag.load(ordering: .relaxed) }

    /// The state of every instance, in order.
    public func statuses() -> [InstanceStatus] { state.statuses }

    // MARK: Running

    /// Binds the control plane, spawns every instance, supervises them until shutdown is
    /// requested (``requestShutdown()``, a client's `shutdown`), then stops the fleet: every
    /// scenario stopped, every instance terminated and reaped, their folders deleted.
    ///
    /// Supervision (reaping, heartbeats, restarts) runs from the first spawn on, while the
    /// start-up still waits for instances to answer health: a slow start never leaves
    /// instances without heartbeats.
    public func run(onReady: @escaping @Sendable (ReadyReport) -> Void) async throws {
        let plane = try ControlPlane(
            instances: config.instancesEndpoint, commands: config.commandEndpoint, events: config.eventsEndpoint,
            heartbeatInterval: config.supervisor.heartbeatInterval, curve: curve, logger: logger)
        controlPlane = plane
        do {
            try openTrafficLink()
        } catch {
            plane.close()
            controlPlane = nil
            throw error
        }
        let startup = StartupOutcome()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in plane.instanceInbound { await self.receive(message) }
            }
            group.addTask {
                for await message in plane.commandInbound { await self.receive(message) }
            }
            group.addTask { await self.startUp(onReady: onReady, outcome: startup) }
            if let prometheus = options.prometheus {
                let spawner = self.spawner
                group.addTask { await prometheus.run(spawner: spawner) { self.isShutdownRequested } }
            }
            await superviseUntilShutdown()
            await stopFleet()
            // The streams finish, so their consumers end; the others watch the shutdown flag.
            plane.close()
            controlPlane = nil
            closeTrafficLink()
        }
        spawner.stop()
        if let failure = startup.failure { throw failure }
    }

    private func superviseUntilShutdown() async {
        while !isShutdownRequested {
            await tick(at: .now)
            try? await Task.sleep(for: Self.tickInterval)
        }
    }

    /// One round of supervision: reap, kill the hung, restart the due, time out acks, advance
    /// chaos. (Heartbeats go out from the control plane's own thread.)
    func tick(at now: ContinuousClock.Instant) async {
        applyShortcutHeartbeats()
        reapChildren(at: now)
        for action in state.supervise(at: now) {
            switch action {
            case .kill(let id, let pid):
                logger.warning("instance hung, killing", metadata: ["instance": "\(id)", "pid": "\(pid)"])
                ChildProcess.send(SIGKILL, to: pid)
            case .respawn(let id):
                await respawn(id)
            }
        }
        expireAcks(at: .now)
        advanceChaos(at: .now)
        await superviseTraffic(at: .now)
    }

    func expireAcks(at now: ContinuousClock.Instant) {
        let instances = state.instances
        for completion in acks.expire(at: now, lastKnown: { instances[$0]?.scenario }) {
            complete(completion)
        }
    }
}

/// Whether the start-up failed, written by the start-up task, read after the task group.
final class StartupOutcome: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    var failure: (any Error)? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
