import FleetModel
import Testing

import FleetTraffic

/// The request sequence over a simulated clock: deterministic per seed, and over a long run
/// the weights, the daily curve and the mix all hold.
@Suite("Traffic schedule")
struct TrafficScheduleTests {
    static let tick: Duration = .milliseconds(20)

    /// Runs `plan` for `length` of simulated time in ticks; every request with its tick's elapsed time.
    static func simulate(_ plan: TrafficPlan, mix: [TrafficKind: Double] = TrafficSettings.defaultMix, for length: Duration)
        -> [(elapsed: Duration, request: TrafficRequest)]
    {
        var schedule = TrafficSchedule(seed: plan.seed, instances: plan.instances, mix: TrafficMix(mix))
        var sent: [(Duration, TrafficRequest)] = []
        var elapsed: Duration = .zero
        while elapsed < length {
            elapsed += tick
            for request in schedule.advance(by: tick, rates: plan.rates(elapsed: elapsed)) { sent.append((elapsed, request)) }
        }
        return sent
    }

    static func plan(seed: UInt64, instances: Int = 10, amplitude: Double = 0.5) -> TrafficPlan {
        TrafficPlan(
            seed: seed, instances: instances, period: .seconds(600),
            parameters: TrafficParameters(rate: 5, skew: 0.5, amplitude: amplitude))
    }

    @Test func sameSeedSameSequenceOtherSeedOtherSequence() {
        let first = Self.simulate(Self.plan(seed: 7), for: .seconds(30)).map(\.request)
        let again = Self.simulate(Self.plan(seed: 7), for: .seconds(30)).map(\.request)
        let other = Self.simulate(Self.plan(seed: 8), for: .seconds(30)).map(\.request)
        #expect(!first.isEmpty)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func sharesFollowTheWeightsOverADay() {
        let plan = Self.plan(seed: 11, instances: 20)
        let sent = Self.simulate(plan, for: .seconds(600))
        var counts = [Int](repeating: 0, count: 20)
        for (_, request) in sent { counts[request.instance] += 1 }
        let total = Double(sent.count)
        // A day at 5 req/s × 20 instances, mean factor 1: 60,000 requests.
        #expect(abs(total - 60_000) / 60_000 < 0.01)
        for index in 0..<20 {
            let expected = plan.weights[index] / 20
            #expect(abs(Double(counts[index]) / total - expected) / expected < 0.01, "svc \(index + 1)")
        }
    }

    @Test func theRateFollowsTheDailyCurve() {
        let plan = Self.plan(seed: 5, instances: 10, amplitude: 0.5)
        let sent = Self.simulate(plan, for: .seconds(600))
        // Ten buckets of a tenth of a day each; the expected count is the integral of the curve.
        var buckets = [Int](repeating: 0, count: 10)
        for (elapsed, _) in sent { buckets[min(9, Int(elapsed / .seconds(60)))] += 1 }
        for bucket in 0..<10 {
            var expected = 0.0
            var t: Duration = .seconds(60 * bucket)
            while t < .seconds(60 * (bucket + 1)) {
                t += Self.tick
                expected += plan.totalRate(elapsed: t) * 0.02
            }
            #expect(abs(Double(buckets[bucket]) - expected) / expected < 0.02, "bucket \(bucket)")
        }
        // The peak tenth (around simulated noon) carries about three times the trough's.
        #expect(Double(buckets[2]) / Double(buckets[7]) > 2.5)
    }

    @Test func theMixHolds() {
        let sent = Self.simulate(Self.plan(seed: 9, instances: 20), for: .seconds(600))
        var counts: [TrafficKind: Int] = [:]
        for (_, request) in sent { counts[request.kind, default: 0] += 1 }
        let fractions = TrafficMix(TrafficSettings.defaultMix).fractions
        for (kind, fraction) in fractions {
            let observed = Double(counts[kind] ?? 0) / Double(sent.count)
            #expect(abs(observed - fraction) < 0.01, "\(kind): \(observed) vs \(fraction)")
        }
    }

    @Test func requestsAreWellFormedForTheirKind() {
        for (_, request) in Self.simulate(Self.plan(seed: 2), for: .seconds(20)) {
            switch request.kind {
            case .count: #expect(request.path.hasPrefix("/showcase/count/"))
            case .duration: #expect(Int(request.path.dropFirst("/showcase/duration/".count)) != nil)
            case .gauge: #expect(request.method == .put && request.body?.contains("\"value\": ") == true)
            case .health: #expect(request.path == "/scenario/health")
            case .notFound: #expect(TrafficRequest.missingPaths.contains(request.path))
            case .invalid: #expect(request.path.hasPrefix("/showcase/"))
            }
        }
    }

    @Test func pausedSendsNothingAndAStallIsNotABurst() {
        var plan = Self.plan(seed: 4)
        plan.update(TrafficParameters(rate: 5, skew: 0.5, amplitude: 0.5, paused: true))
        #expect(Self.simulate(plan, for: .seconds(10)).isEmpty)
        var schedule = TrafficSchedule(seed: 4, instances: 10, mix: TrafficMix(TrafficSettings.defaultMix))
        let running = Self.plan(seed: 4, amplitude: 0)
        // A minute-long stall owes at most about a second of traffic (10 × 5 req/s).
        let burst = schedule.advance(by: .seconds(60), rates: running.rates(elapsed: .zero))
        #expect(burst.count <= 70)
    }
}
