@testable import FleetChaos
import FleetModel
import Foundation
import Testing

/// Same seed → same plan; other seed → other plan; skipping never moves the slot times.
@Suite struct PlannerDeterminismTests {
    let instances = TestSupport.instanceIDs(5)

    @Test func sameSeedGivesIdenticalPlanAndText() throws {
        let settings = ChaosSettings()
        for seed: UInt64 in [0, 1, 42, 0xFFFF_FFFF_FFFF_FFFF] {
            let first = ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: seed)
            let second = ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: seed)
            #expect(first == second)
            #expect(ChaosPlanner.render(first) == ChaosPlanner.render(second))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(first) == encoder.encode(second))
        }
    }

    @Test func differentSeedsGiveDifferentPlans() {
        var settings = ChaosSettings()
        settings.maxConcurrent = .count(3)
        var pairs = SeededGenerator(seed: 2025)
        for index in 0..<50 {
            // Adjacent seeds (the ones people type) and arbitrary 64-bit ones.
            let (a, b): (UInt64, UInt64) = index < 25
                ? (UInt64(index), UInt64(index) + 1)
                : (pairs.next(), pairs.next())
            let planA = ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: a)
            let planB = ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: b)
            #expect(planA.injections != planB.injections, "seeds \(a) and \(b)")
            #expect(ChaosPlanner.render(planA) != ChaosPlanner.render(planB))
        }
    }

    @Test func slotTimesDependOnlyOnSeedAndTiming() {
        // Excluding instances, changing weights or the limit changes what happens at each
        // slot, never when the slots are: every slot consumes the main stream identically.
        var base = ChaosSettings()
        base.meanGap = .seconds(40)
        base.maxConcurrent = .count(5)
        var other = base
        other.exclude = ["svc-02", "svc-03"]
        other.weights = [.scenario1: 0, .scenario2: 5, .scenario3: 1]
        other.maxConcurrent = .count(1)
        var skippedOnlyInOther = 0
        for seed: UInt64 in 0..<20 {
            let slotsA = ChaosPlanner.schedule(settings: base, instanceIDs: instances, seed: seed, duration: base.duration)
            let slotsB = ChaosPlanner.schedule(settings: other, instanceIDs: instances, seed: seed, duration: base.duration)
            #expect(slotsA.map(\.offsetMs) == slotsB.map(\.offsetMs))
            skippedOnlyInOther += zip(slotsA, slotsB).count(where: { $0.injection != nil && $1.injection == nil })
        }
        // The comparison is only meaningful if the settings really changed the outcomes.
        #expect(skippedOnlyInOther > 0)
    }

    @Test func durationArgumentOverridesSettings() {
        let settings = ChaosSettings()
        let plan = ChaosPlanner.plan(settings: settings, instanceIDs: instances, seed: 3, duration: .seconds(600))
        #expect(plan.duration == .seconds(600))
        #expect(plan.injections.allSatisfy { $0.end <= .seconds(600) })
    }

    @Test func planRoundTripsThroughJSONInMilliseconds() throws {
        let plan = ChaosPlanner.plan(settings: ChaosSettings(), instanceIDs: instances, seed: 42)
        let data = try JSONEncoder().encode(plan)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"duration_ms\":1800000"))
        #expect(json.contains("\"offset_ms\""))
        #expect(try JSONDecoder().decode(ChaosPlan.self, from: data) == plan)
    }

    @Test func nothingIsPlannedWithoutAnyWeightOrEligibleInstance() {
        var noWeights = ChaosSettings()
        noWeights.weights = [:]
        #expect(ChaosPlanner.plan(settings: noWeights, instanceIDs: instances, seed: 1).injections.isEmpty)

        var allExcluded = ChaosSettings()
        allExcluded.exclude = instances
        #expect(ChaosPlanner.plan(settings: allExcluded, instanceIDs: instances, seed: 1).injections.isEmpty)

        var zeroLimit = ChaosSettings()
        zeroLimit.maxConcurrent = .count(0)
        #expect(ChaosPlanner.plan(settings: zeroLimit, instanceIDs: instances, seed: 1).injections.isEmpty)

        var warmupPastEnd = ChaosSettings()
        warmupPastEnd.warmup = .seconds(3600)
        #expect(ChaosPlanner.plan(settings: warmupPastEnd, instanceIDs: instances, seed: 1).injections.isEmpty)
    }

    @Test func renderHasHeaderAndOneAlignedLinePerInjection() {
        let plan = ChaosPlan(seed: 7, duration: .seconds(600), injections: [
            Injection(offset: .milliseconds(252_345), instance: "svc-03", scenario: .scenario2, hold: .milliseconds(192_000)),
            Injection(offset: .milliseconds(540_001), instance: "svc-01", scenario: .scenario3, hold: .seconds(60)),
        ])
        #expect(ChaosPlanner.render(plan) == """
            chaos plan  seed=7  duration=00:10:00.000  injections=2
            +00:04:12.345  svc-03  scenario2 (disk fill)    hold 00:03:12.000  ends +00:07:24.345
            +00:09:00.001  svc-01  scenario3 (rate limit)   hold 00:01:00.000  ends +00:10:00.001

            """)
    }
}
