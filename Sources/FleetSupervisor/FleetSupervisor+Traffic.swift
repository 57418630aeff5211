import FleetModel
import FleetProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The background traffic: the generator process (spawned, reaped and restarted like an
/// instance) and the instructor's commands, decided by ``TrafficControl``.
extension FleetSupervisor {
    /// Binds the traffic link when the fleet has traffic; called before anything is spawned.
    func openTrafficLink() throws {
        guard config.traffic.enabled, let seed = options.trafficSeed else { return }
        let control = TrafficControl(config: config, seed: seed, at: .now)
        let link = try TrafficLink(endpoint: config.trafficEndpoint, logger: logger)
        link.update(control)
        traffic = control
        trafficLink = link
    }

    func closeTrafficLink() {
        trafficLink?.close()
        trafficLink = nil
        if let path = config.trafficEndpoint.socketPath { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Starts `fleet traffic run` from the spawner thread (the parent-death signal follows it).
    func spawnTrafficGenerator() async {
        guard traffic != nil, !isShutdownRequested else { return }
        var arguments = [
            "traffic", "run", "--link", config.trafficEndpoint.description, "--supervisor-pid", String(getpid()),
            "--instances", String(config.fleet.instances), "--base-port", String(config.fleet.basePort),
            "--data-dir", config.fleet.dataDir,
        ]
        if let path = options.configPath { arguments += ["--config", path] }
        let executable = options.executable
        let spawnArguments = arguments
        do {
            let pid = try await spawner.run { try ChildProcess.spawn(executable: executable, arguments: spawnArguments) }
            traffic?.spawned(pid: pid, at: .now)
            logger.info("spawned traffic generator", metadata: ["pid": "\(pid)"])
            if isShutdownRequested { ChildProcess.send(SIGTERM, to: pid) }
        } catch {
            logger.error("traffic generator could not start: \(error)")
            _ = traffic?.spawnFailed(at: .now)
        }
    }

    /// Reaps a dead generator and restarts it when due; called by every supervision tick.
    func superviseTraffic(at now: ContinuousClock.Instant) async {
        guard let control = traffic else { return }
        if let pid = control.pid, let termination = ChildProcess.reap(pid) {
            if let delay = traffic?.died(at: now) {
                logger.warning("traffic generator died; restarting", metadata: ["why": "\(termination)", "in": "\(delay)"])
            } else {
                logger.error("traffic generator keeps dying; giving up", metadata: ["last": "\(termination)"])
            }
        }
        if traffic?.restartDue(at: now) == true, !state.shuttingDown { await spawnTrafficGenerator() }
    }

    /// SIGTERM, then SIGKILL after a bounded wait; always reaped.
    func stopTrafficGenerator() async {
        guard let pid = traffic?.pid else { return }
        ChildProcess.send(SIGTERM, to: pid)
        let deadline = ContinuousClock.now + .seconds(3)
        while ChildProcess.reap(pid) == nil {
            if ContinuousClock.now >= deadline {
                logger.warning("traffic generator did not exit in time; killing")
                ChildProcess.send(SIGKILL, to: pid)
                _ = await Self.reapBlocking(pid)
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        _ = traffic?.died(at: .now)
    }

    private static func reapBlocking(_ pid: Int32) async -> ChildProcess.Termination? {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            if let termination = ChildProcess.reap(pid) { return termination }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Answers a `traffic_*` command; a change is published as an event and sent to the generator.
    func receiveTrafficCommand(_ command: ControlCommand, request: ControlRequest, envelope: [[UInt8]]) {
        guard var control = traffic else {
            reply(.failure(id: request.id, code: "traffic_disabled",
                           message: "this fleet runs without background traffic (traffic.enabled: false)"), to: envelope)
            return
        }
        let adjustment: TrafficAdjustment?
        switch command {
        case .trafficSet(let change): adjustment = change
        case .trafficPause: adjustment = TrafficAdjustment(paused: true)
        case .trafficResume: adjustment = TrafficAdjustment(paused: false)
        default: adjustment = nil
        }
        if let adjustment {
            switch control.apply(adjustment) {
            case .failure(let refusal):
                reply(.failure(id: request.id, code: "invalid_value", message: refusal.message), to: envelope)
                return
            case .success(let applied):
                traffic = control
                trafficLink?.update(control)
                if let event = applied.event { controlPlane?.publish(event) }
            }
        }
        reply(ControlReply(id: request.id, .traffic(fleet: config.fleet.name, status: control.status(at: .now))), to: envelope)
    }
}
