import FleetModel
import FleetProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Spawning, reaping and stopping instance processes.
extension FleetSupervisor {
    /// Spawns every instance, waits until each answers health (or the ready timeout), starts
    /// chaos if `fleet up --chaos` asked for it, and reports.
    func startUp(onReady: @Sendable (ReadyReport) -> Void, outcome: StartupOutcome) async {
        for id in state.order {
            guard !isShutdownRequested else { return }
            do {
                try await spawn(id)
            } catch {
                logger.error("cannot start the fleet", metadata: ["instance": "\(id)", "error": "\(error)"])
                outcome.failure = error
                requestShutdown()
                return
            }
        }
        let unhealthy = await waitUntilHealthy(timeout: config.supervisor.readyTimeout)
        guard !isShutdownRequested else { return }
        await spawnTrafficGenerator()
        var chaos: Result<ChaosSummary, ChaosStartError>?
        if let start = options.chaosAtStart {
            chaos = startChaos(seed: start.seed, durationMs: nil)
        }
        onReady(ReadyReport(statuses: state.statuses, unhealthy: unhealthy, chaos: chaos))
    }

    /// Waits until every instance answers `GET /scenario/health`, `timeout` passes, or the fleet
    /// stops. Returns the ids that did not answer.
    nonisolated func waitUntilHealthy(timeout: Duration) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        let host = options.config.fleet.host
        let targets = options.config.instanceIDs.enumerated().map { ($1, options.config.port(ordinal: $0 + 1)) }
        return await withTaskGroup(of: String?.self) { group in
            for (id, port) in targets {
                group.addTask {
                    while ContinuousClock.now < deadline, !self.isShutdownRequested {
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

    /// Starts `id`'s process from the spawner thread (see `DedicatedThread`).
    func spawn(_ id: String) async throws {
        guard let port = state.instances[id]?.port else { return }
        var arguments = [
            "instance", "--id", id, "--port", String(port),
            "--data-dir", config.fleet.dataDir,
            "--supervisor", config.instancesEndpoint.description, "--supervisor-pid", String(getpid()),
        ]
        if let path = options.configPath { arguments += ["--config", path] }
        let executable = options.executable
        let spawnArguments = arguments
        let pid = try await spawner.run { try ChildProcess.spawn(executable: executable, arguments: spawnArguments) }
        let registeredEarly = state.spawned(id, pid: pid, at: .now)
        metrics.setScenario(id, nil)
        logger.info("spawned instance", metadata: ["instance": "\(id)", "pid": "\(pid)", "port": "\(port)"])
        if registeredEarly { instanceRegistered(id, pid: pid) }
        // Spawned while the fleet began to stop: it must not outlive the stop.
        if isShutdownRequested { ChildProcess.send(SIGTERM, to: pid) }
    }

    func respawn(_ id: String) async {
        do {
            try await spawn(id)
            let restarts = state.countRestart(id)
            metrics.countRestart(id)
            controlPlane?.publish(.instanceRestarted(instance: id, detail: "restart \(restarts)"))
        } catch {
            logger.error("restart failed", metadata: ["instance": "\(id)", "error": "\(error)"])
            state.spawnFailed(id, at: .now)
        }
    }

    func reapChildren(at now: ContinuousClock.Instant) {
        guard ChildProcess.mayHaveEndedChild else { return }
        for (id, pid) in state.livePIDs {
            if let termination = ChildProcess.reap(pid) { instanceDied(id, termination: termination, at: now) }
        }
    }

    private func instanceDied(_ id: String, termination: ChildProcess.Termination, at now: ContinuousClock.Instant) {
        guard let death = state.died(id, exitStatus: termination.exitStatus, at: now) else { return }
        controlPlane?.stopHeartbeats(to: id)
        metrics.setUp(id, false)
        metrics.setScenario(id, state.instances[id]?.scenario)
        if let lost = death.lostScenario {
            controlPlane?.publish(.scenarioStopped(instance: id, scenario: lost, origin: .exit))
        }
        controlPlane?.publish(.instanceDown(instance: id, detail: termination.description))
        switch death.next {
        case .restart(let delay):
            logger.warning("instance died; restarting", metadata: ["instance": "\(id)", "why": "\(termination)", "in": "\(delay)"])
        case .givenUp(let failures):
            logger.error(
                "instance keeps dying; giving up",
                metadata: ["instance": "\(id)", "failures": "\(failures)", "last": "\(termination)"])
        case .stays:
            break
        }
    }

    /// Stops every scenario (chaos first: its journal records how each injection ended),
    /// terminates every instance, reaps them, and deletes their folders. Every wait is bounded.
    func stopFleet() async {
        state.beginShutdown()
        controlPlane?.publish(.fleetStopping)
        // First, so no request of the generator meets an instance on its way out.
        await stopTrafficGenerator()
        for run in chaosRuns.keys.sorted() { interruptChaos(run) }
        await drain(for: Self.ackTimeout + .milliseconds(500)) { $0.chaosRuns.isEmpty }
        let running = state.registeredIDs.filter { state.instances[$0]?.scenario != nil }
        if !running.isEmpty {
            send(.stopAll, to: running, origin: .supervisor, purpose: .none)
            await drain(for: Self.ackTimeout + .milliseconds(500)) { $0.acks.count == 0 }
        }
        for (_, pid) in state.livePIDs { ChildProcess.send(SIGTERM, to: pid) }
        await drain(for: .seconds(3)) { $0.state.livePIDs.isEmpty }
        for (id, pid) in state.livePIDs {
            logger.warning("instance did not exit in time; killing", metadata: ["instance": "\(id)"])
            ChildProcess.send(SIGKILL, to: pid)
        }
        await drain(for: .seconds(2)) { $0.state.livePIDs.isEmpty }
        for id in state.order {
            try? FileManager.default.removeItem(atPath: config.dataDirectory(ofInstance: id))
        }
    }

    /// Keeps reaping and expiring acks until `done` or `bound` passed.
    private func drain(for bound: Duration, until done: (isolated FleetSupervisor) -> Bool) async {
        let deadline = ContinuousClock.now + bound
        while !done(self), ContinuousClock.now < deadline {
            reapChildren(at: .now)
            expireAcks(at: .now)
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
