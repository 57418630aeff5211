import FleetChaos
import FleetModel
import Foundation

/// Chaos mode: the supervisor executes a seeded plan through the same command path as the CLI,
/// and writes the answer key (`<data_dir>/chaos-journal.jsonl`, instructor only: no instance
/// serves it) as it goes. `ChaosSchedule` decides what is due; this extension carries it out.
extension FleetSupervisor {
    /// Plans with `seed` (else the configured one, else a fresh one) and starts the run; a run
    /// already in progress is stopped first (it records its stops in the journal as they come).
    func startChaos(seed requestedSeed: UInt64?, durationMs: Int64?) -> Result<ChaosSummary, ChaosStartError> {
        if let durationMs, durationMs <= 0 {
            return .failure(ChaosStartError(code: "bad_duration", description: "duration_ms must be positive"))
        }
        let duration = durationMs.map { Duration.milliseconds($0) } ?? config.chaos.duration
        if let problem = config.chaos.planSizeProblem(duration: duration) {
            return .failure(ChaosStartError(code: "bad_duration", description: problem))
        }
        if let current = currentChaosRun { interruptChaos(current) }
        let seed = requestedSeed ?? config.chaos.seed ?? ChaosPlanner.freshSeed()
        let plan = ChaosPlanner.plan(settings: config.chaos, instanceIDs: config.instanceIDs, seed: seed, duration: duration)
        let journal: ChaosJournal
        do {
            journal = try ChaosJournal(path: config.chaosJournalPath)
        } catch {
            return .failure(ChaosStartError(code: "chaos_failed", description: "cannot start chaos: \(error)"))
        }
        lastChaosRun += 1
        let run = lastChaosRun
        chaosRuns[run] = ChaosRunState(schedule: ChaosSchedule(plan: plan), journal: journal, startedAt: .now)
        currentChaosRun = run
        record(.runStarted(seed: seed, instances: config.instanceIDs, at: Date()), in: run)
        logger.info("chaos started", metadata: ["seed": "\(seed)", "injections": "\(plan.injections.count)"])
        advanceChaos(at: .now)
        return .success(ChaosSummary(
            seed: seed, injections: plan.injections.count, durationMs: plan.duration.wholeMilliseconds,
            journal: config.chaosJournalPath))
    }

    /// `chaos_stop`: ends the current run; the reply goes out once its stops are journaled.
    func stopChaos(replyingTo client: (envelope: [[UInt8]], requestID: String?)) {
        guard let run = currentChaosRun, chaosRuns[run] != nil else {
            reply(ControlReply(id: client.requestID, .done(fleet: config.fleet.name)), to: client.envelope)
            return
        }
        chaosRuns[run]?.waitingReplies.append(client)
        interruptChaos(run)
    }

    func interruptChaos(_ run: Int) {
        if currentChaosRun == run { currentChaosRun = nil }
        guard let steps = chaosRuns[run]?.schedule.interrupt() else { return }
        carryOut(steps, of: run)
    }

    /// Hands every run the steps that came due.
    func advanceChaos(at now: ContinuousClock.Instant) {
        for run in chaosRuns.keys.sorted() {
            guard let startedAt = chaosRuns[run]?.startedAt, let steps = chaosRuns[run]?.schedule.due(elapsed: now - startedAt) else {
                continue
            }
            carryOut(steps, of: run)
        }
    }

    private func carryOut(_ steps: [ChaosSchedule.Step], of run: Int) {
        for step in steps {
            switch step {
            case .apply(let injection):
                switch state.chaosEligibility(of: injection.instance) {
                case .eligible:
                    send(.start(injection.scenario), to: [injection.instance], origin: .chaos, purpose: .chaosApply(run: run, injection))
                case .down:
                    chaosSkipped(run: run, injection, reason: "instance down")
                case .busy(let scenario):
                    chaosSkipped(run: run, injection, reason: "instance busy with \(scenario.rawValue) (started by a student)")
                }
            case .end(let active, let reason):
                send(.stop(active.injection.scenario), to: [active.injection.instance], origin: .chaos,
                     purpose: .chaosEnd(run: run, active, reason: reason))
            case .finish(let reason):
                finishChaos(run, reason: reason)
            }
        }
    }

    /// A start sent by chaos was answered.
    func chaosApplied(run: Int, _ injection: Injection, result: InstanceResult?) {
        switch result?.outcome {
        case .started?:
            controlPlane?.publish(.chaosInjected(instance: injection.instance, scenario: injection.scenario))
            let now = Date()
            record(.applied(injection, seed: chaosRuns[run]?.schedule.plan.seed ?? 0, at: now), in: run)
            carryOut(chaosRuns[run]?.schedule.applied(injection, startedAt: now) ?? [], of: run)
        case .conflict?, .alreadyRunning?:
            let busy = result?.scenario?.rawValue ?? "another scenario"
            chaosSkipped(run: run, injection, reason: "instance busy with \(busy) (started by a student)")
        default:
            chaosSkipped(run: run, injection, reason: "no answer from the instance (\(result?.outcome.rawValue ?? "none"))")
        }
    }

    /// A stop sent by chaos was answered: journal how the injection ended.
    func chaosEnded(run: Int, _ active: ChaosSchedule.Active, reason: String, result: InstanceResult?) {
        let ending: String
        switch result?.outcome {
        case .stopped?: ending = reason
        case .notRunning?: ending = "already stopped (the instance restarted or someone stopped it)"
        default: ending = "\(reason); stop not confirmed (\(result?.outcome.rawValue ?? "none"))"
        }
        let seed = chaosRuns[run]?.schedule.plan.seed ?? 0
        record(.stopped(active.injection, seed: seed, startedAt: active.startedAt, at: Date(), reason: ending), in: run)
        carryOut(chaosRuns[run]?.schedule.ended() ?? [], of: run)
    }

    private func chaosSkipped(run: Int, _ injection: Injection, reason: String) {
        controlPlane?.publish(.chaosSkipped(instance: injection.instance, scenario: injection.scenario, reason: reason))
        record(.skipped(injection, seed: chaosRuns[run]?.schedule.plan.seed ?? 0, at: Date(), reason: reason), in: run)
        carryOut(chaosRuns[run]?.schedule.applied(injection, startedAt: nil) ?? [], of: run)
    }

    private func finishChaos(_ run: Int, reason: String) {
        guard let finished = chaosRuns.removeValue(forKey: run) else { return }
        if currentChaosRun == run { currentChaosRun = nil }
        try? finished.journal.append(.runEnded(seed: finished.schedule.plan.seed, at: Date(), reason: reason))
        finished.journal.close()
        for client in finished.waitingReplies {
            reply(ControlReply(id: client.requestID, .done(fleet: config.fleet.name)), to: client.envelope)
        }
    }

    private func record(_ entry: JournalEntry, in run: Int) {
        // The answer key must not take the fleet down: a full disk loses a line, not the run.
        try? chaosRuns[run]?.journal.append(entry)
    }
}
