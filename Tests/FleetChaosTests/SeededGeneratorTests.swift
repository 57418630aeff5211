@testable import FleetChaos
import Foundation
import Testing

/// The PRNG and its distributions: reference vectors, ranges and rough uniformity.
@Suite struct SeededGeneratorTests {
    @Test func splitMix64MatchesReferenceVectors() {
        // First outputs of the reference splitmix64.c from state 0.
        var generator = SplitMix64(state: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    /// Vectors from the reference xoshiro256starstar.c, its state filled by splitmix64.c.
    static let xoshiroVectors: [(seed: UInt64, outputs: [UInt64])] = [
        (0, [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59]),
        (42, [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64]),
        (0xDEAD_BEEF, [0xC555_5444_A74D_7E83, 0x65C3_0D37_B4B1_6E38, 0x54F7_7320_0A4E_FA23, 0x429A_ED75_FB95_8AF7, 0xFB0E_1DD6_9C25_5B2E]),
    ]

    @Test(arguments: xoshiroVectors)
    func xoshiroMatchesReferenceImplementation(seed: UInt64, expected: [UInt64]) {
        var generator = SeededGenerator(seed: seed)
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test func unitDoubleIsInHalfOpenUnitInterval() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let value = generator.nextUnitDouble()
            #expect(value >= 0 && value < 1)
        }
    }

    @Test func boundedIntsStayInRangeAndCoverIt() {
        var generator = SeededGenerator(seed: 99)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let value = generator.nextInt(below: 7)
            counts[Int(value)] += 1
        }
        // 10,000 expected per bucket; 5 standard deviations is about ±470.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")

        for _ in 0..<1000 {
            let value = generator.nextInt(in: -3...3)
            #expect((-3...3).contains(value))
        }
        #expect(generator.nextInt(in: 5...5) == 5)
        _ = generator.nextInt(in: Int64.min...Int64.max)  // full span must not trap
    }

    @Test func exponentialHasTheRequestedMean() {
        var generator = SeededGenerator(seed: 2024)
        let samples = (0..<50_000).map { _ in generator.nextExponential(mean: 120) }
        let mean = samples.reduce(0, +) / Double(samples.count)
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite })
        // Standard error of the mean is 120/√50000 ≈ 0.54.
        #expect(abs(mean - 120) < 3, "mean \(mean)")
    }

    @Test func weightedIndexFollowsWeightsAndIgnoresNonPositive() {
        var generator = SeededGenerator(seed: 5)
        var counts = [0, 0, 0, 0]
        for _ in 0..<40_000 {
            counts[generator.nextWeightedIndex([3, 0, 1, -2])!] += 1
        }
        #expect(counts[1] == 0 && counts[3] == 0)
        #expect(abs(Double(counts[0]) / 40_000 - 0.75) < 0.02, "\(counts)")
        #expect(generator.nextWeightedIndex([0, 0]) == nil)
        #expect(generator.nextWeightedIndex([.nan, .infinity]) == nil)
    }

    @Test func deterministicLogAgreesWithLibm() {
        var generator = SeededGenerator(seed: 1)
        var values: [Double] = [1, 0.5, 2, 0x1.0p-53, 1 - 0x1.0p-53, 0.7071067811865476, 1.4142135623730951, 1e300, Double.leastNormalMagnitude / 1000]
        for _ in 0..<10_000 { values.append(1 - generator.nextUnitDouble()) }
        for value in values {
            let ours = DeterministicMath.log(value)
            let reference = Foundation.log(value)
            #expect(abs(ours - reference) <= 2e-15 * max(1, abs(reference)), "log(\(value)): \(ours) vs \(reference)")
        }
        #expect(DeterministicMath.log(1) == 0)
        #expect(DeterministicMath.log(0) == -.infinity)
        #expect(DeterministicMath.log(-1).isNaN)
    }
}
