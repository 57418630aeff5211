import Testing

import FleetTraffic

@Suite("Traffic weights")
struct TrafficWeightsTests {
    @Test func sameSeedSameWeightsOtherSeedOtherWeights() {
        let a = TrafficWeights.weights(seed: 7, instances: 50, skew: 0.5)
        #expect(a == TrafficWeights.weights(seed: 7, instances: 50, skew: 0.5))
        #expect(a != TrafficWeights.weights(seed: 8, instances: 50, skew: 0.5))
    }

    @Test(arguments: [0.0, 0.3, 0.5, 1.0])
    func meanIsOne(skew: Double) {
        let weights = TrafficWeights.weights(seed: 42, instances: 200, skew: skew)
        #expect(abs(weights.reduce(0, +) / 200 - 1) < 1e-9)
        #expect(weights.allSatisfy { $0 > 0 })
    }

    @Test func skewZeroIsEqualSharesAndSkewSpreadsThem() {
        #expect(TrafficWeights.weights(seed: 1, instances: 20, skew: 0).allSatisfy { abs($0 - 1) < 1e-12 })
        func spread(_ skew: Double) -> Double {
            let weights = TrafficWeights.weights(seed: 1, instances: 200, skew: skew)
            return weights.max()! / weights.min()!
        }
        #expect(spread(0.5) > 2)
        #expect(spread(1) > spread(0.5))
    }

    @Test func aNewSkewKeepsTheOrderOfBusyAndQuietInstances() {
        let half = TrafficWeights.weights(seed: 3, instances: 30, skew: 0.5)
        let full = TrafficWeights.weights(seed: 3, instances: 30, skew: 1)
        #expect(half.indices.sorted { half[$0] < half[$1] } == full.indices.sorted { full[$0] < full[$1] })
    }
}
