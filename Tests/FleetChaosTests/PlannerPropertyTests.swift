@testable import FleetChaos
import FleetModel
import PropertyBased
import Testing

/// Invariants of every plan, over random seeds and random settings.
@Suite struct PlannerPropertyTests {
    /// A random planning problem: settings, fleet and seed.
    struct PlanCase: Sendable, CustomStringConvertible {
        var settings: ChaosSettings
        var instanceIDs: [String]
        var seed: UInt64

        var description: String {
            "seed \(seed), \(instanceIDs.count) instances, exclude \(settings.exclude), "
                + "duration \(settings.duration), warmup \(settings.warmup), meanGap \(settings.meanGap), "
                + "hold \(settings.holdMin)...\(settings.holdMax), weights \(settings.weights.sorted { $0.key < $1.key }), "
                + "maxConcurrent \(settings.maxConcurrent)"
        }
    }

    /// Random settings in the ranges a workshop could use, including edge cases: weights of 0,
    /// holds longer than the run, a warmup past the end, a limit of 0 or of the whole fleet.
    static let planCases = zip(
        Gen.uint64(in: 0...UInt64.max),
        Gen.int(in: 1...12),                       // instances
        Gen.int(in: 0...180),                      // duration, minutes
        Gen.int(in: 0...20),                       // warmup, minutes
        Gen.int(in: 1...900),                      // mean gap, seconds
        Gen.int(in: 1...600),                      // hold min, seconds
        Gen.int(in: 0...900),                      // hold max − hold min, seconds
        Gen.int(in: 0...3).array(of: 3),           // weights
        zip(Gen.int(in: -1...6), Gen.double(in: 0...1)),  // max concurrent: -1 → fraction, else count
        Gen.bool.array(of: 12)                     // excluded flags
    ).map { seed, instances, durationMinutes, warmupMinutes, meanGap, holdMin, holdSpread, weights, limitChoice, excluded in
        let (limit, fraction) = limitChoice
        var settings = ChaosSettings()
        settings.duration = .seconds(durationMinutes * 60)
        settings.warmup = .seconds(warmupMinutes * 60)
        settings.meanGap = .seconds(meanGap)
        settings.holdMin = .seconds(holdMin)
        settings.holdMax = .seconds(holdMin + holdSpread)
        settings.weights = [.scenario1: Double(weights[0]), .scenario2: Double(weights[1]), .scenario3: Double(weights[2])]
        settings.maxConcurrent = limit < 0 ? .fraction(fraction) : .count(limit)
        let ids = TestSupport.instanceIDs(instances)
        settings.exclude = ids.enumerated().filter { excluded[$0.offset] }.map(\.element) + ["svc-99"]
        return PlanCase(settings: settings, instanceIDs: ids, seed: seed)
    }

    @Test func everyPlanRespectsItsSettings() async {
        await propertyCheck(count: 300, input: Self.planCases) { planCase in
            let settings = planCase.settings
            let plan = ChaosPlanner.plan(settings: settings, instanceIDs: planCase.instanceIDs, seed: planCase.seed)
            let limit = settings.maxConcurrent.limit(forInstances: planCase.instanceIDs.count)
            let injections = plan.injections

            #expect(plan == ChaosPlanner.plan(settings: settings, instanceIDs: planCase.instanceIDs, seed: planCase.seed))
            #expect(zip(injections, injections.dropFirst()).allSatisfy { $0.offset < $1.offset }, "offsets increase")

            for injection in injections {
                #expect(planCase.instanceIDs.contains(injection.instance))
                #expect(!settings.exclude.contains(injection.instance), "excluded \(injection.instance) used")
                #expect(injection.offset >= settings.warmup)
                #expect(injection.end <= settings.duration)
                #expect(injection.hold >= settings.holdMin && injection.hold <= settings.holdMax)
                #expect((settings.weights[injection.scenario] ?? 0) > 0, "weight-0 \(injection.scenario) used")
                #expect(injection.offset == .milliseconds(injection.offset.wholeMilliseconds), "whole ms")
                #expect(injection.hold == .milliseconds(injection.hold.wholeMilliseconds), "whole ms")

                // The number of injections running at an instant only grows at a start, so
                // checking at every start checks every instant (busy is offset ..< end).
                let running = injections.filter { $0.offset <= injection.offset && injection.offset < $0.end }
                #expect(running.count <= limit, "\(running.count) running at \(injection.offset), limit \(limit)")
            }

            let byInstance = Dictionary(grouping: injections, by: \.instance)
            for (instance, own) in byInstance {
                for (earlier, later) in zip(own, own.dropFirst()) {
                    #expect(later.offset >= earlier.end, "\(instance) overlaps itself")
                }
            }
        }
    }

    @Test func skippedSlotsHaveTheDocumentedCause() async {
        await propertyCheck(count: 200, input: Self.planCases) { planCase in
            let settings = planCase.settings
            let slots = ChaosPlanner.schedule(
                settings: settings, instanceIDs: planCase.instanceIDs, seed: planCase.seed, duration: settings.duration
            )
            let limit = settings.maxConcurrent.limit(forInstances: planCase.instanceIDs.count)
            let eligible = planCase.instanceIDs.filter { !settings.exclude.contains($0) }
            var injected: [Injection] = []
            for slot in slots {
                let running = injected.filter { $0.end.wholeMilliseconds > slot.offsetMs }
                switch slot.outcome {
                case .injected(let injection):
                    injected.append(injection)
                case .skipped(.limitReached):
                    #expect(running.count >= limit)
                case .skipped(.allBusy):
                    #expect(Set(eligible).isSubset(of: running.map(\.instance)))
                case .skipped(.noEligibleInstance):
                    #expect(eligible.isEmpty)
                case .skipped(.noScenario):
                    #expect(settings.weights.values.allSatisfy { $0 <= 0 })
                case .skipped(.tooCloseToEnd):
                    #expect(settings.duration.wholeMilliseconds - slot.offsetMs < settings.holdMin.wholeMilliseconds)
                }
            }
        }
    }

    @Test func scenarioSharesFollowTheWeights() {
        // 3 : 1 : 0 → 75 % / 25 % / 0 %. The scenario is drawn before, and independently of,
        // every skip decision, so skipping does not bias the shares.
        var settings = ChaosSettings()
        settings.weights = [.scenario1: 3, .scenario2: 1, .scenario3: 0]
        settings.meanGap = .seconds(30)
        settings.holdMin = .seconds(10)
        settings.holdMax = .seconds(60)
        settings.maxConcurrent = .count(10)
        settings.duration = .seconds(2 * 3600)
        let instances = TestSupport.instanceIDs(10)
        var counts: [ScenarioAlias: Int] = [:]
        for seed: UInt64 in 0..<100 {
            for injection in ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: seed).injections {
                counts[injection.scenario, default: 0] += 1
            }
        }
        let total = Double(counts.values.reduce(0, +))
        #expect(total > 10_000)
        // The standard deviation of a share is √(0.75 × 0.25 / n) < 0.005 here.
        #expect(abs(Double(counts[.scenario1] ?? 0) / total - 0.75) < 0.02, "\(counts)")
        #expect(abs(Double(counts[.scenario2] ?? 0) / total - 0.25) < 0.02, "\(counts)")
        #expect(counts[.scenario3] == nil)
    }

    @Test func limitIsAShareOfTheWholeFleet() {
        // 10 instances at 30 % → 3 at once, even with 5 of them excluded.
        var settings = ChaosSettings()
        settings.maxConcurrent = .fraction(0.3)
        settings.meanGap = .seconds(5)
        settings.holdMin = .seconds(300)
        settings.holdMax = .seconds(300)
        settings.exclude = ["svc-01", "svc-02", "svc-03", "svc-04", "svc-05"]
        let plan = ChaosPlanner.plan(settings: settings, instanceIDs: TestSupport.instanceIDs(10), seed: 11)
        let peak = plan.injections.map { injection in
            plan.injections.count(where: { $0.offset <= injection.offset && injection.offset < $0.end })
        }.max()
        #expect(peak == 3)
    }
}
