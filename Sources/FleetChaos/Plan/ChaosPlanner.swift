import FleetModel

/// Draws a ``ChaosPlan`` from a seed, and prints it.
///
/// ## Algorithm
/// All times are integer milliseconds. Two random streams are used:
///
/// - The **main stream**, `SeededGenerator(seed:)`, yields the slot times: the first slot comes
///   due at `warmup + g₁`, the next at `+ g₂`, … with gaps `gᵢ ~ Exponential(meanGap)` rounded
///   to the millisecond (at least 1 ms, so offsets strictly increase), until a slot would come
///   due at or after `duration`. Every slot consumes **exactly two** outputs of the main
///   stream: its gap, then the seed of its own sub-stream.
/// - The slot's **sub-stream**, `SeededGenerator(seed: slotSeed)`, draws, in this order, the
///   scenario (by weight), the hold (uniform whole milliseconds in `holdMin...holdMax`) and, if
///   the slot is not skipped, the instance (uniform among the free eligible instances).
///
/// Because a skipped slot consumes the main stream exactly like an injected one, the slot
/// times depend only on `seed`, `warmup`, `meanGap` and `duration`: excluding an instance or
/// changing the weights changes *what* happens at each slot, never *when* the slots are.
///
/// A slot is **skipped** when, at its time `t`:
/// 1. no scenario has a positive weight;
/// 2. the drawn hold would run past `duration` and even the clipped hold `duration − t` is
///    shorter than `holdMin` (see *Clipping*);
/// 3. `maxConcurrent` injections are running at `t`;
/// 4. every eligible instance is busy at `t` (or none is eligible).
///
/// An instance is *eligible* when it is in `instanceIDs` and not in `exclude`; it is *busy*
/// on `offset ..< offset + hold` of each of its injections (half-open: it is free again at the
/// very millisecond its previous injection ends).
///
/// ## Concurrency limit
/// The limit is `maxConcurrent.limit(forInstances: instanceIDs.count)` — a share of the
/// **whole fleet**, as the `chaos.max_concurrent` setting is documented, not of the eligible
/// instances: excluding an instance keeps the fleet-wide blast radius the instructor chose.
/// Since an instance runs one injection at a time, the effective bound is
/// `min(limit, eligible count)`. The count of running injections only grows at a slot time,
/// and is checked there, so it never exceeds the limit at any instant.
///
/// ## Clipping
/// An injection must end by `duration`. A drawn hold that runs past it is **clipped** to end
/// exactly at `duration` when the clipped hold is still at least `holdMin`; otherwise the slot
/// is skipped. So every hold lies in `holdMin...holdMax` without exception, a clipped one is
/// still long enough to be noticed on a dashboard, and the fleet is quiet again when the run
/// ends.
///
/// Out-of-range settings are tolerated rather than trapped on (the config loader validates
/// them for users): negative times count as zero, `holdMin`/`holdMax` are swapped if reversed,
/// holds are at least 1 ms and `meanGap` is at least 1 ms.
public enum ChaosPlanner {
    /// Draws the plan for `seed`; the same arguments always give the same plan, byte for byte.
    ///
    /// - Parameters:
    ///   - settings: the `chaos:` settings; `settings.seed` is ignored in favour of `seed`.
    ///   - instanceIDs: the fleet, in order (duplicates are ignored). Order matters: instances
    ///     are drawn by index among the free ones.
    ///   - seed: the plan's seed.
    ///   - duration: overrides `settings.duration` (e.g. `fleet chaos plan --duration`).
    public static func plan(
        settings: ChaosSettings,
        instanceIDs: [String],
        seed: UInt64,
        duration: Duration? = nil
    ) -> ChaosPlan {
        let runLength = duration ?? settings.duration
        let slots = schedule(settings: settings, instanceIDs: instanceIDs, seed: seed, duration: runLength)
        return ChaosPlan(
            seed: seed,
            duration: .milliseconds(max(0, runLength.wholeMilliseconds)),
            injections: slots.compactMap(\.injection)
        )
    }

    /// A seed for a run whose settings leave `seed` unset, from the system's generator.
    public static func freshSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    /// Every slot of the plan with its outcome (see the type's documentation).
    static func schedule(
        settings: ChaosSettings,
        instanceIDs: [String],
        seed: UInt64,
        duration: Duration
    ) -> [PlanSlot] {
        let durationMs = max(0, duration.wholeMilliseconds)
        let warmupMs = max(0, settings.warmup.wholeMilliseconds)
        let meanGapMs = Double(max(1, settings.meanGap.wholeMilliseconds))
        let holdBounds = (max(0, settings.holdMin.wholeMilliseconds), max(0, settings.holdMax.wholeMilliseconds))
        let holdMinMs = max(1, min(holdBounds.0, holdBounds.1))
        let holdMaxMs = max(holdMinMs, max(holdBounds.0, holdBounds.1))

        var fleet: [String] = []
        for id in instanceIDs where !fleet.contains(id) { fleet.append(id) }
        let excluded = Set(settings.exclude)
        let eligible = fleet.filter { !excluded.contains($0) }
        let limit = settings.maxConcurrent.limit(forInstances: fleet.count)

        // Fixed order (scenario1, scenario2, scenario3) so the weighted draw is reproducible;
        // a dictionary's iteration order is not.
        let scenarios = ScenarioAlias.allCases.sorted()
        let weights = scenarios.map { settings.weights[$0] ?? 0 }

        var main = SeededGenerator(seed: seed)
        var slots: [PlanSlot] = []
        // Injections still running at the current slot; pruned as time advances.
        var running: [Injection] = []
        var nowMs = warmupMs

        while true {
            // Main stream: exactly two outputs per slot, whatever the slot becomes.
            let gap = main.nextExponential(mean: meanGapMs).rounded(.toNearestOrEven)
            // Compare in Double first: a huge gap must end the run, not overflow Int64.
            guard gap < Double(durationMs - nowMs) else { break }
            nowMs += max(1, Int64(gap))
            guard nowMs < durationMs else { break }
            var slot = SeededGenerator(seed: main.next())

            // Sub-stream: scenario, then hold, then (only if needed) instance.
            let scenarioIndex = slot.nextWeightedIndex(weights)
            var holdMs = slot.nextInt(in: holdMinMs...holdMaxMs)

            let outcome: PlanSlot.Outcome
            if let scenarioIndex {
                if nowMs + holdMs > durationMs { holdMs = durationMs - nowMs }
                running.removeAll { $0.end.wholeMilliseconds <= nowMs }
                if holdMs < holdMinMs {
                    outcome = .skipped(.tooCloseToEnd)
                } else if eligible.isEmpty {
                    outcome = .skipped(.noEligibleInstance)
                } else if running.count >= limit {
                    outcome = .skipped(.limitReached)
                } else {
                    let busy = Set(running.map(\.instance))
                    let free = eligible.filter { !busy.contains($0) }
                    if free.isEmpty {
                        outcome = .skipped(.allBusy)
                    } else {
                        let instance = free[Int(slot.nextInt(below: UInt64(free.count)))]
                        let injection = Injection(
                            offset: .milliseconds(nowMs),
                            instance: instance,
                            scenario: scenarios[scenarioIndex],
                            hold: .milliseconds(holdMs)
                        )
                        running.append(injection)
                        outcome = .injected(injection)
                    }
                }
            } else {
                outcome = .skipped(.noScenario)
            }
            slots.append(PlanSlot(offsetMs: nowMs, outcome: outcome))
        }
        return slots
    }
}
