import FleetInstance
import FleetModel
import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a fleet of instances alive and answers the control plane.
///
/// One actor owns every piece of fleet state; the control plane's loop thread only moves bytes.
/// A 100 ms tick reaps dead children, detects hung ones (no heartbeat), sends heartbeats and
/// performs due restarts; messages from instances and clients are handled as they arrive.
public actor FleetSupervisor {
    let options: SupervisorOptions
    let logger: Logger
    public nonisolated let metrics: SupervisorMetrics
    var config: FleetConfig { options.config }
    var instances: [String: ManagedInstance] = [:]
    private var order: [String] = []
    private(set) var controlPlane: ControlPlane?
    /// The chaos run in progress, if any (see `FleetSupervisor+Chaos.swift`).
    var chaosTask: Task<Void, Never>?
    /// Who asked for the command behind a pending ack, so its event names the right origin.
    private var pendingOrigins: [String: String] = [:]
    /// The current second of drop logging (see `logDrop`).
    private var dropLogWindow: (start: ContinuousClock.Instant, logged: Int, suppressed: Int) = (.now, 0, 0)
    static let maxDropLogsPerSecond = 20
    /// Registrations that arrived before their spawn was recorded (see `handleInstance`).
    private var earlyRegistrations: [String: InstanceReport] = [:]
    private let spawner = DedicatedThread(name: "fleet-spawner")
    private var pendingAcks: [String: CheckedContinuation<InstanceReport?, Never>] = [:]
    private var nextRequest: UInt64 = 0
    private var lastHeartbeatSent: ContinuousClock.Instant = .now - .seconds(60)
    private var shutdownRequested = false

    /// How long a command waits for an instance's ack.
    static let ackTimeout: Duration = .seconds(2)
    /// An instance up this long without dying has its consecutive-failure count reset.
    static let stablePeriod: Duration = .seconds(30)

    public init(options: SupervisorOptions, logger: Logger) {
        self.options = options
        self.logger = logger
        let ids = options.config.instanceIDs
        metrics = SupervisorMetrics(instanceIDs: ids, exposeTruth: options.config.chaos.exposeTruth)
        for (index, id) in ids.enumerated() {
            instances[id] = ManagedInstance(id: id, host: options.config.fleet.host, port: options.config.port(ordinal: index + 1))
        }
        order = ids
    }

    // MARK: Lifecycle

    /// The HTTP server of the supervisor's own `/metrics`.
    public nonisolated func metricsApplication(logger: Logger) -> some Service {
        SupervisorMetricsServer.makeApplication(
            metrics: metrics, host: options.config.fleet.host, port: options.config.supervisor.metricsPort, logger: logger)
    }

    /// Binds the control plane and spawns every instance.
    public func start() async throws {
        let plane = try ControlPlane(
            instances: config.instancesEndpoint, commands: config.commandEndpoint, events: config.eventsEndpoint,
            logger: logger)
        controlPlane = plane
        Task { [weak self] in
            for await message in plane.instanceInbound {
                await self?.handle(message)
            }
        }
        Task { [weak self] in
            for await message in plane.commandInbound {
                await self?.handle(message)
            }
        }
        for id in order { try await spawn(id) }
    }

    /// Runs the supervision tick until shutdown is requested (by `requestShutdown()`, a client's
    /// `shutdown` command, or cancellation), then stops the fleet.
    public func run() async {
        while !shutdownRequested && !Task.isCancelled {
            await tick()
            try? await Task.sleep(for: .milliseconds(100))
        }
        await stopFleet()
    }

    /// Asks `run()` to stop the fleet; returns at once.
    public func requestShutdown() {
        shutdownRequested = true
    }

    /// The state of every instance, in order.
    public func statuses() -> [InstanceStatus] {
        order.compactMap { instances[$0]?.status }
    }

    /// Waits until every instance answers `GET /scenario/health`, or `timeout` passes.
    /// Returns the ids that did not answer.
    public func waitUntilHealthy(timeout: Duration) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        let targets = order.compactMap { instances[$0] }.map { ($0.id, $0.port) }
        let host = config.fleet.host
        return await withTaskGroup(of: String?.self) { group in
            for (id, port) in targets {
                group.addTask {
                    while ContinuousClock.now < deadline {
                        if await HealthProbe.isHealthy(host: host, port: port) { return nil }
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                    return id
                }
            }
            var unhealthy: [String] = []
            for await id in group { if let id { unhealthy.append(id) } }
            return unhealthy.sorted()
        }
    }

    // MARK: Spawning and supervision

    private func spawn(_ id: String) async throws {
        guard var instance = instances[id] else { return }
        // A restarted instance comes back clean: no leftover scenario files.
        DiskFillScenario.removeLeftovers(in: config.dataDirectory(ofInstance: id))
        var arguments = [
            "instance", "--id", id, "--port", String(instance.port),
            "--data-dir", config.fleet.dataDir,
            "--supervisor", config.instancesEndpoint, "--supervisor-pid", String(getpid()),
        ]
        if let path = options.configPath { arguments += ["--config", path] }
        let executable = options.executable
        let spawnArguments = arguments
        let pid = try await spawner.run { try ChildProcess.spawn(executable: executable, arguments: spawnArguments) }
        instance.pid = pid
        instance.state = .starting
        instance.scenario = nil
        instance.registered = false
        instance.spawnedAt = .now
        instance.lastHeard = .now
        instance.restartAt = nil
        instances[id] = instance
        metrics.setScenario(id, nil)
        logger.info("spawned instance", metadata: ["instance": "\(id)", "pid": "\(pid)", "port": "\(instance.port)"])
        if let early = earlyRegistrations.removeValue(forKey: id), early.pid == pid {
            handleReport(early, from: id)
        }
    }

    private func tick() async {
        let now = ContinuousClock.now
        let heartbeatDeadline = config.supervisor.heartbeatInterval * config.supervisor.heartbeatMisses
        let sendHeartbeats = now - lastHeartbeatSent >= config.supervisor.heartbeatInterval
        if sendHeartbeats { lastHeartbeatSent = now }
        for id in order {
            guard var instance = instances[id] else { continue }
            if let pid = instance.pid, let termination = ChildProcess.reap(pid) {
                instanceDied(id, termination: termination)
                continue
            }
            if let pid = instance.pid {
                let silentFor = now - instance.lastHeard
                let limit = instance.registered ? heartbeatDeadline : max(heartbeatDeadline, config.supervisor.readyTimeout)
                if silentFor > limit {
                    // Hung: no heartbeat. Kill it; the next tick reaps it and restarts it.
                    logger.warning("instance hung, killing", metadata: ["instance": "\(id)", "silent": "\(silentFor)"])
                    ChildProcess.send(SIGKILL, to: pid)
                    instance.lastHeard = now
                }
                if instance.state == .up && instance.consecutiveFailures > 0 && now - instance.spawnedAt > Self.stablePeriod {
                    instance.consecutiveFailures = 0
                }
                instances[id] = instance
                if sendHeartbeats && instance.registered {
                    controlPlane?.send(SupervisorOrder(type: .heartbeat), toInstance: id)
                }
            } else if let due = instance.restartAt, due <= now {
                do {
                    try await spawn(id)
                    instances[id]?.restarts += 1
                    metrics.countRestart(id)
                    controlPlane?.publish(.instanceRestarted, instance: id, detail: "restart \(instances[id]?.restarts ?? 0)")
                } catch {
                    logger.error("restart failed", metadata: ["instance": "\(id)", "error": "\(error)"])
                    instances[id]?.restartAt = now + config.supervisor.restartBackoffMax
                }
            }
        }
    }

    private func instanceDied(_ id: String, termination: ChildProcess.Termination) {
        guard var instance = instances[id] else { return }
        let hadScenario = instance.scenario
        instance.pid = nil
        instance.registered = false
        instance.scenario = nil
        metrics.setUp(id, false)
        metrics.setScenario(id, nil)
        if let hadScenario {
            controlPlane?.publish(.scenarioStopped, instance: id, scenario: hadScenario, origin: "exit")
        }
        controlPlane?.publish(.instanceDown, instance: id, detail: termination.description)
        guard !shutdownRequested else {
            instance.state = .down
            instances[id] = instance
            return
        }
        if RestartAccounting.countsTowardMaxRestarts(lastScenario: hadScenario, exitStatus: termination.exitStatus) { instance.consecutiveFailures += 1 }
        if instance.consecutiveFailures > config.supervisor.maxRestarts {
            instance.state = .down
            logger.error(
                "instance keeps dying; giving up",
                metadata: ["instance": "\(id)", "failures": "\(instance.consecutiveFailures)", "last": "\(termination)"])
        } else {
            let exponent = min(instance.consecutiveFailures - 1, 16)
            let backoff = min(config.supervisor.restartBackoff * (1 << exponent), config.supervisor.restartBackoffMax)
            instance.state = .starting
            instance.restartAt = .now + backoff
            logger.warning("instance died; restarting", metadata: ["instance": "\(id)", "why": "\(termination)", "in": "\(backoff)"])
        }
        instances[id] = instance
    }

    /// Stops every scenario, terminates every instance, reaps them, and deletes their folders.
    private func stopFleet() async {
        shutdownRequested = true
        controlPlane?.publish(.fleetStopping)
        // Chaos first: it records in its journal how each of its injections ended.
        await stopChaos()
        let running = order.filter { instances[$0]?.registered == true && instances[$0]?.scenario != nil }
        _ = await command(.stopAll, scenario: nil, on: running)
        for id in order {
            if let pid = instances[id]?.pid { ChildProcess.send(SIGTERM, to: pid) }
        }
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline, order.contains(where: { instances[$0]?.pid != nil }) {
            for id in order {
                if let pid = instances[id]?.pid, let termination = ChildProcess.reap(pid) {
                    instanceDied(id, termination: termination)
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        for id in order {
            guard let pid = instances[id]?.pid else { continue }
            logger.warning("instance did not exit in time; killing", metadata: ["instance": "\(id)"])
            ChildProcess.send(SIGKILL, to: pid)
            while ChildProcess.reap(pid) == nil { try? await Task.sleep(for: .milliseconds(10)) }
            instanceDied(id, termination: .signalled(SIGKILL))
        }
        for id in order {
            try? FileManager.default.removeItem(atPath: config.dataDirectory(ofInstance: id))
        }
        controlPlane?.close()
        controlPlane = nil
        spawner.stop()
    }

    // MARK: Messages

    private func handle(_ message: ControlPlane.Inbound) async {
        switch message {
        case .instance(let routingID, let frames):
            handleInstance(routingID: routingID, frames: frames)
        case .command(let envelope, let frames):
            guard frames.count == 1 else {
                controlPlane?.reply(
                    .failure(id: nil, code: "malformed", message: "expected one JSON frame, got \(frames.count)"),
                    envelope: envelope)
                return
            }
            let request: ControlRequest
            do {
                request = try ControlProtocol.decode(ControlRequest.self, from: frames[0])
            } catch {
                // Answered with the error; at debug level so a flood of garbage cannot flood the log.
                logger.debug("refused command: \(error)")
                controlPlane?.reply(.failure(id: nil, code: error.code, message: error.description), envelope: envelope)
                return
            }
            // Commands wait for acks; answer them concurrently so one slow command blocks nothing.
            Task { [weak self] in
                guard let self else { return }
                let reply = await self.answer(request)
                await self.sendReply(reply, envelope: envelope)
            }
        }
    }

    private func sendReply(_ reply: ControlReply, envelope: [[UInt8]]) {
        controlPlane?.reply(reply, envelope: envelope)
    }

    private func handleInstance(routingID: [UInt8], frames: [[UInt8]]) {
        let sender = String(decoding: routingID, as: UTF8.self)
        guard frames.count == 1 else {
            logDrop("dropped instance message: \(frames.count) payload frames", metadata: ["from": "\(sender)"])
            return
        }
        let report: InstanceReport
        do {
            report = try ControlProtocol.decode(InstanceReport.self, from: frames[0])
        } catch {
            logDrop("dropped instance message: \(error)", metadata: ["from": "\(sender)"])
            return
        }
        guard report.instance == sender, instances[sender] != nil else {
            logDrop("dropped message from unknown instance", metadata: ["from": "\(sender)"])
            return
        }
        handleReport(report, from: sender)
    }

    /// Logs a dropped instance-endpoint message, at most `maxDropLogsPerSecond` lines a second: a
    /// flood of garbage must not become a flood of log lines. The rest are counted and summed up.
    private func logDrop(_ message: Logger.Message, metadata: Logger.Metadata) {
        let now = ContinuousClock.now
        if now - dropLogWindow.start >= .seconds(1) {
            if dropLogWindow.suppressed > 0 {
                logger.warning("\(dropLogWindow.suppressed) more instance-endpoint messages dropped without a log line")
            }
            dropLogWindow = (now, 0, 0)
        }
        dropLogWindow.logged += 1
        if dropLogWindow.logged <= Self.maxDropLogsPerSecond {
            logger.warning(message, metadata: metadata)
        } else {
            dropLogWindow.suppressed += 1
        }
    }

    /// Applies a decoded report from instance `sender` (a known id) to the fleet's view.
    private func handleReport(_ report: InstanceReport, from sender: String) {
        guard var instance = instances[sender] else { return }
        if report.type == .register {
            // Only the process we spawned may register under this id: a stray peer that took a
            // restarting instance's routing id must not pass for it.
            guard let pid = report.pid, pid == instance.pid else {
                if instance.pid == nil, report.pid != nil {
                    // The spawn is still being recorded: keep the claim until it is.
                    earlyRegistrations[sender] = report
                } else {
                    logger.warning("refused registration from a process we did not spawn", metadata: ["from": "\(sender)"])
                }
                return
            }
            instance.registered = true
            instance.state = .up
            metrics.setUp(sender, true)
            controlPlane?.publish(.instanceUp, instance: sender, detail: "pid \(pid)")
        } else if !instance.registered {
            logDrop("dropped message from an instance that has not registered", metadata: ["from": "\(sender)"])
            return
        }
        instance.lastHeard = .now
        let previousScenario = instance.scenario
        instance.scenario = report.scenario
        instances[sender] = instance
        var ackOrigin = "supervisor"
        if report.type == .ack, let id = report.id {
            ackOrigin = pendingOrigins.removeValue(forKey: id) ?? ackOrigin
            pendingAcks.removeValue(forKey: id)?.resume(returning: report)
        }
        if previousScenario != report.scenario {
            let origin = report.type == .ack ? ackOrigin : (report.origin ?? "instance")
            metrics.setScenario(sender, report.scenario)
            if let previousScenario {
                controlPlane?.publish(.scenarioStopped, instance: sender, scenario: previousScenario, origin: origin)
            }
            if let started = report.scenario {
                controlPlane?.publish(.scenarioStarted, instance: sender, scenario: started, origin: origin)
            }
        }
    }

    // MARK: Commands

    private func answer(_ request: ControlRequest) async -> ControlReply {
        switch request.type {
        case .ping:
            return ControlReply(type: "pong", id: request.id, ok: true, fleet: config.fleet.name)
        case .status:
            return ControlReply(type: "status", id: request.id, ok: true, fleet: config.fleet.name, instances: statuses())
        case .shutdown:
            shutdownRequested = true
            return ControlReply(type: "ok", id: request.id, ok: true, fleet: config.fleet.name)
        case .start, .stop:
            return await scenarioCommand(request)
        case .chaos:
            return await chaosCommand(request)
        case .chaosStop:
            await stopChaos()
            return ControlReply(type: "ok", id: request.id, ok: true, fleet: config.fleet.name)
        }
    }

    private func scenarioCommand(_ request: ControlRequest) async -> ControlReply {
        guard !shutdownRequested else {
            return .failure(id: request.id, code: "shutting_down", message: "the fleet is shutting down")
        }
        let action: SupervisorOrder.Action
        let scenario: ScenarioAlias?
        switch (request.type, request.scenario) {
        case (.stop, "all"):
            action = .stopAll
            scenario = nil
        case (_, let name?):
            guard let alias = ScenarioAlias(rawValue: name) else {
                return .failure(
                    id: request.id, code: "unknown_scenario",
                    message: "unknown scenario '\(name)'; expected one of \(ScenarioAlias.allCases.map(\.rawValue).joined(separator: ", "))"
                        + (request.type == .stop ? " or all" : ""))
            }
            action = request.type == .start ? .start : .stop
            scenario = alias
        default:
            return .failure(id: request.id, code: "missing_scenario", message: "a scenario is required")
        }
        let targets: [String]
        switch selectInstances(request.instances ?? .all) {
        case .success(let ids): targets = ids
        case .failure(let error): return .failure(id: request.id, code: error.code, message: error.message)
        }
        let results = await command(action, scenario: scenario, on: targets)
        return ControlReply(type: "result", id: request.id, ok: true, fleet: config.fleet.name, results: results)
    }

    private struct SelectionError: Error {
        var code: String
        var message: String
    }

    private func selectInstances(_ selection: InstanceSelection) -> Result<[String], SelectionError> {
        switch selection {
        case .all:
            return .success(order)
        case .ids(let ids):
            let unknown = ids.filter { instances[$0] == nil }
            guard unknown.isEmpty else {
                return .failure(SelectionError(
                    code: "unknown_instance",
                    message: "unknown instance \(unknown.joined(separator: ", ")); this fleet has \(order.first ?? "")…\(order.last ?? "")"))
            }
            guard !ids.isEmpty else { return .failure(SelectionError(code: "no_instances", message: "no instance given")) }
            var seen = Set<String>()
            return .success(ids.filter { seen.insert($0).inserted })
        case .random(let count):
            guard count >= 1 else {
                return .failure(SelectionError(code: "bad_selection", message: "--random needs at least 1, got \(count)"))
            }
            // Prefer instances that are up and idle, so a random start rarely meets a conflict.
            let idle = order.filter { instances[$0]?.state == .up && instances[$0]?.scenario == nil }.shuffled()
            let others = order.filter { !idle.contains($0) }.shuffled()
            return .success(Array((idle + others).prefix(count)))
        }
    }

    /// Sends a command to each instance at once and collects every ack (or a timeout).
    func command(_ action: SupervisorOrder.Action, scenario: ScenarioAlias?, on ids: [String], origin: String = "supervisor") async -> [InstanceResult] {
        await withTaskGroup(of: InstanceResult.self) { group in
            for id in ids {
                group.addTask { await self.command(action, scenario: scenario, on: id, origin: origin) }
            }
            var results: [String: InstanceResult] = [:]
            for await result in group { results[result.instance] = result }
            return ids.compactMap { results[$0] }
        }
    }

    func command(_ action: SupervisorOrder.Action, scenario: ScenarioAlias?, on id: String, origin: String) async -> InstanceResult {
        guard let instance = instances[id], instance.registered, let plane = controlPlane else {
            return InstanceResult(instance: id, outcome: .unavailable, scenario: instances[id]?.scenario)
        }
        nextRequest += 1
        let requestID = "r\(nextRequest)"
        let started = ContinuousClock.now
        let timeout = Task { [weak self] in
            try? await Task.sleep(for: Self.ackTimeout)
            await self?.expireAck(requestID)
        }
        pendingOrigins[requestID] = origin
        let report = await withCheckedContinuation { continuation in
            pendingAcks[requestID] = continuation
            plane.send(SupervisorOrder(type: .command, id: requestID, action: action, scenario: scenario), toInstance: id)
        }
        timeout.cancel()
        guard let report, let outcome = report.outcome else {
            return InstanceResult(instance: id, outcome: .timeout, scenario: instances[id]?.scenario)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.recordRoundTrip(seconds: seconds)
        return InstanceResult(instance: id, outcome: outcome, scenario: report.scenario, latencyMs: (seconds * 1e6).rounded() / 1e3)
    }

    private func expireAck(_ requestID: String) {
        pendingOrigins.removeValue(forKey: requestID)
        pendingAcks.removeValue(forKey: requestID)?.resume(returning: nil)
    }
}
