import FleetChaos

/// Each instance's share of the fleet's traffic, from the seed: what a real load balancer's
/// uneven spread looks like, reproducibly.
public enum TrafficWeights {
    /// The smallest draw kept: no instance of a skewed fleet is left without traffic.
    static let floor = 0.1

    /// One weight per instance, mean 1 (so the fleet's total is `rate × instances`).
    ///
    /// Each instance draws `e` from an exponential distribution (mean 1) with its own stream of
    /// the seed, and gets `(1 - skew) + skew × e` before normalisation: skew 0 gives equal
    /// shares, skew 1 the exponential's spread (some instances several times the mean). The
    /// draws do not depend on `skew`, so changing the skew during class keeps the same
    /// instances busy and the same ones quiet.
    public static func weights(seed: UInt64, instances: Int, skew: Double) -> [Double] {
        guard instances > 0 else { return [] }
        var generator = SeededGenerator(seed: seed)
        let raw = (0..<instances).map { _ in
            (1 - skew) + skew * max(floor, generator.nextExponential(mean: 1))
        }
        let mean = raw.reduce(0, +) / Double(instances)
        return raw.map { $0 / mean }
    }
}
