import FleetChaos
import FleetModel
import Foundation

/// Chaos mode: the supervisor executes a seeded plan through the same command path as the CLI,
/// and writes the answer key (`<data_dir>/chaos-journal.jsonl`, instructor only: no instance
/// serves it) as it goes.
extension FleetSupervisor {
    /// Where every chaos run of this fleet appends its journal.
    public nonisolated var chaosJournalPath: String {
        (options.config.fleet.dataDir as NSString).appendingPathComponent("chaos-journal.jsonl")
    }

    /// Plans with `seed` (else the configured one, else a fresh one) and runs it in the
    /// background; a run already in progress is stopped first.
    public func startChaos(seed requestedSeed: UInt64?, duration: Duration?) async throws -> ChaosSummary {
        await stopChaos()
        let seed = requestedSeed ?? config.chaos.seed ?? ChaosPlanner.freshSeed()
        let plan = ChaosPlanner.plan(settings: config.chaos, instanceIDs: config.instanceIDs, seed: seed, duration: duration)
        let journal = try ChaosJournal(path: chaosJournalPath)
        let run = ChaosRun(plan: plan, journal: journal, supervisor: self)
        chaosTask = Task { await run.execute() }
        logger.info("chaos started", metadata: ["seed": "\(seed)", "injections": "\(plan.injections.count)"])
        return ChaosSummary(
            seed: seed, injections: plan.injections.count, durationMs: plan.duration.wholeMilliseconds, journal: chaosJournalPath)
    }

    /// Cancels the running plan and waits until it stopped what it had started.
    public func stopChaos() async {
        guard let task = chaosTask else { return }
        chaosTask = nil
        task.cancel()
        await task.value
    }

    func chaosCommand(_ request: ControlRequest) async -> ControlReply {
        guard request.durationMs.map({ $0 > 0 }) ?? true else {
            return .failure(id: request.id, code: "bad_duration", message: "duration_ms must be positive")
        }
        let duration = request.durationMs.map { Duration.milliseconds($0) } ?? config.chaos.duration
        if let problem = config.chaos.planSizeProblem(duration: duration) {
            return .failure(id: request.id, code: "bad_duration", message: problem)
        }
        do {
            let summary = try await startChaos(seed: request.seed, duration: request.durationMs.map { .milliseconds($0) })
            return ControlReply(type: "chaos", id: request.id, ok: true, fleet: config.fleet.name, chaos: summary)
        } catch {
            return .failure(id: request.id, code: "chaos_failed", message: "cannot start chaos: \(error)")
        }
    }

    /// What happened when an injection came due.
    enum InjectionOutcome: Sendable {
        case applied
        case skipped(reason: String)
    }

    /// Starts `injection` unless its instance is down or busy with another scenario — chaos
    /// never fights a student for an instance, so there is no 409 storm.
    func applyInjection(_ injection: Injection) async -> InjectionOutcome {
        guard let instance = instances[injection.instance], instance.registered, instance.state == .up else {
            return .skipped(reason: "instance down")
        }
        if let busy = instance.scenario {
            return .skipped(reason: "instance busy with \(busy.rawValue) (started by a student)")
        }
        let result = await command(.start, scenario: injection.scenario, on: injection.instance, origin: "chaos")
        switch result.outcome {
        case .started:
            controlPlane?.publish(.chaosInjected, instance: injection.instance, scenario: injection.scenario, origin: "chaos")
            return .applied
        case .conflict, .alreadyRunning:
            let busy = result.scenario?.rawValue ?? "another scenario"
            return .skipped(reason: "instance busy with \(busy) (started by a student)")
        default:
            return .skipped(reason: "no answer from the instance (\(result.outcome.rawValue))")
        }
    }

    /// Stops an injection that was applied; returns how it ended for the journal.
    func endInjection(_ injection: Injection, reason: String) async -> String {
        let result = await command(.stop, scenario: injection.scenario, on: injection.instance, origin: "chaos")
        switch result.outcome {
        case .stopped: return reason
        case .notRunning: return "already stopped (the instance restarted or someone stopped it)"
        default: return "\(reason); stop not confirmed (\(result.outcome.rawValue))"
        }
    }

    func publishSkip(_ injection: Injection, reason: String) {
        controlPlane?.publish(.chaosSkipped, instance: injection.instance, scenario: injection.scenario, origin: "chaos", detail: reason)
    }
}

/// One execution of a chaos plan, from its start until its duration passed or it is cancelled.
struct ChaosRun: Sendable {
    let plan: ChaosPlan
    let journal: ChaosJournal
    let supervisor: FleetSupervisor

    func execute() async {
        let start = ContinuousClock.now
        record(.runStarted(seed: plan.seed, instances: supervisor.options.config.instanceIDs, at: Date()))
        var pending = plan.injections.sorted { $0.offset < $1.offset }[...]
        var active: [(injection: Injection, startedAt: Date)] = []
        while !Task.isCancelled {
            // The next thing due: an active injection's end, or the next planned start.
            let nextEnd = active.map(\.injection.end).min()
            let nextStart = pending.first?.offset
            guard let due = [nextEnd, nextStart].compactMap({ $0 }).min() else { break }
            do { try await Task.sleep(until: start + due, clock: .continuous) } catch { break }
            if let index = active.firstIndex(where: { $0.injection.end == due }) {
                let (injection, startedAt) = active.remove(at: index)
                let reason = await supervisor.endInjection(injection, reason: "hold elapsed")
                record(.stopped(injection, seed: plan.seed, startedAt: startedAt, at: Date(), reason: reason))
                continue
            }
            guard let injection = pending.popFirst() else { continue }
            switch await supervisor.applyInjection(injection) {
            case .applied:
                active.append((injection, Date()))
                record(.applied(injection, seed: plan.seed, at: active.last!.startedAt))
            case .skipped(let reason):
                await supervisor.publishSkip(injection, reason: reason)
                record(.skipped(injection, seed: plan.seed, at: Date(), reason: reason))
            }
        }
        let interrupted = Task.isCancelled
        for (injection, startedAt) in active {
            let reason = await supervisor.endInjection(injection, reason: interrupted ? "chaos stopped" : "run ended")
            record(.stopped(injection, seed: plan.seed, startedAt: startedAt, at: Date(), reason: reason))
        }
        record(.runEnded(seed: plan.seed, at: Date(), reason: interrupted ? "interrupted" : "completed"))
        journal.close()
    }

    private func record(_ entry: JournalEntry) {
        // The answer key must not take the fleet down: a full disk loses a line, not the run.
        try? journal.append(entry)
    }
}
