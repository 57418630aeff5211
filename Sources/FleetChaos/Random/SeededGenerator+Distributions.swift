/// The distributions the planner draws from, written out so their results never depend on the
/// standard library's (unspecified, version-dependent) sampling algorithms.
extension SeededGenerator {
    /// A uniform `Double` in `[0, 1)`: the top 53 bits of one output, scaled by 2⁻⁵³.
    ///
    /// 53 bits is the precision of a `Double`, so every result is exact and equally likely;
    /// exactly one output of `next()` is consumed.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` by rejection (`bound` must be positive).
    ///
    /// Outputs below `2⁶⁴ mod bound` are rejected so that every residue is equally likely; the
    /// expected number of outputs consumed is below 2 for any bound, and exactly 1 for powers
    /// of two. The rejection rule is fixed, so the consumption is deterministic.
    public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        // (2⁶⁴ − bound) mod bound == 2⁶⁴ mod bound, computed without 128-bit arithmetic.
        let threshold = (0 &- bound) % bound
        while true {
            let value = next()
            if value >= threshold { return value % bound }
        }
    }

    /// A uniform integer in `range`, inclusive, by rejection (see ``nextInt(below:)``).
    public mutating func nextInt(in range: ClosedRange<Int64>) -> Int64 {
        // The span as an unsigned distance; a full 2⁶⁴ span has no rejection at all.
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound)
        if span == .max { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: nextInt(below: span + 1))
    }

    /// An exponentially distributed `Double` with the given mean, by inverse CDF:
    /// `−mean · ln(1 − u)` with `u` from ``nextUnitDouble()``.
    ///
    /// `1 − u` lies in `(0, 1]`, so the logarithm is always finite. The logarithm is
    /// ``DeterministicMath/log(_:)`` rather than the platform's `log`, whose last bit may differ
    /// between glibc and Darwin's libm. Consumes exactly one output.
    public mutating func nextExponential(mean: Double) -> Double {
        let u = nextUnitDouble()
        return -mean * DeterministicMath.log(1 - u)
    }

    /// The index of a weighted choice: index `i` with probability `weights[i] / Σ weights`.
    ///
    /// Negative, NaN and infinite weights count as zero. Returns `nil` (after still consuming
    /// exactly one output, so callers' streams stay aligned) when no weight is positive.
    public mutating func nextWeightedIndex(_ weights: [Double]) -> Int? {
        let u = nextUnitDouble()
        let usable = weights.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        // Summed left to right in a fixed order: floating-point addition is deterministic.
        let total = usable.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        let target = u * total
        var cumulative = 0.0
        var lastPositive: Int?
        for (index, weight) in usable.enumerated() where weight > 0 {
            cumulative += weight
            lastPositive = index
            if target < cumulative { return index }
        }
        // Only reachable through rounding when `target` lands on the final cumulative sum.
        return lastPositive
    }
}
