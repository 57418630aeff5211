/// `traffic:` — the background traffic `fleet up` sends to every instance, like a real fleet's
/// users: seeded, uneven between instances, following a daily curve.
public struct TrafficSettings: Sendable, Equatable {
    /// Whether `fleet up` runs the traffic generator (`fleet traffic run`).
    public var enabled = true
    /// Mean requests per second per instance, before skew and the daily curve.
    public var rate: Double = 5
    /// 0: every instance gets the same share; 1: strongly uneven shares (seeded weights).
    public var skew: Double = 0.5
    /// One simulated day: the rate follows a sine over this period.
    public var period: Duration = .seconds(600)
    /// The rate swings between `(1 - amplitude)` and `(1 + amplitude)` × `rate`.
    public var amplitude: Double = 0.5
    /// Seed of the weights and the request sequence; `nil` means one is drawn and printed.
    public var seed: UInt64?
    /// Relative share of each kind of request.
    public var mix: [TrafficKind: Double] = TrafficSettings.defaultMix
    /// Port of the generator's own `/metrics` (job `fleet-traffic`) on `fleet.host`.
    public var metricsPort = 9101

    /// The mix of the repository's `fleet.yaml`.
    public static let defaultMix: [TrafficKind: Double] = [
        .count: 60, .duration: 15, .gauge: 10, .health: 5, .notFound: 6, .invalid: 4,
    ]

    /// The highest `rate` accepted: a class fleet on one machine, not a load test.
    public static let maxRate: Double = 1000

    public init() {}
}

/// `topology:` — the `zone` and `version` labels of every instance target.
public struct TopologySettings: Sendable, Equatable {
    /// Assigned in turn: svc-01 the first, svc-02 the second, … and round again.
    public var zones = ["zone-a", "zone-b", "zone-c"]
    /// Assigned in turn as well; two or more make a canary exercise possible.
    public var versions = ["v1"]

    public init() {}
}

extension FleetConfig {
    /// The `zone` label of instance `ordinal` (1-based).
    public func zone(ordinal: Int) -> String {
        topology.zones.isEmpty ? "" : topology.zones[(ordinal - 1) % topology.zones.count]
    }

    /// The `version` label of instance `ordinal` (1-based).
    public func version(ordinal: Int) -> String {
        topology.versions.isEmpty ? "" : topology.versions[(ordinal - 1) % topology.versions.count]
    }
}
