import FleetModel

/// Who gets how much traffic right now: the weights from the seed and the skew, the daily
/// curve, the knobs the instructor turned. Pure; the supervisor and the generator compute
/// the same numbers from the same inputs.
public struct TrafficPlan: Sendable, Equatable {
    public let seed: UInt64
    public let instances: Int
    public let period: Duration
    public private(set) var parameters: TrafficParameters
    public private(set) var weights: [Double]

    public init(seed: UInt64, instances: Int, period: Duration, parameters: TrafficParameters) {
        self.seed = seed
        self.instances = instances
        self.period = period
        self.parameters = parameters
        weights = TrafficWeights.weights(seed: seed, instances: instances, skew: parameters.skew)
    }

    /// The plan of a configuration, with `seed` (the configured one, or one drawn for this run).
    public init(config: FleetConfig, seed: UInt64) {
        self.init(
            seed: seed, instances: config.fleet.instances, period: config.traffic.period,
            parameters: TrafficParameters(settings: config.traffic))
    }

    /// New knobs; the weights follow a new skew.
    public mutating func update(_ new: TrafficParameters) {
        if new.skew != parameters.skew {
            weights = TrafficWeights.weights(seed: seed, instances: instances, skew: new.skew)
        }
        parameters = new
    }

    public var curve: DailyCurve { DailyCurve(period: period, amplitude: parameters.amplitude) }

    /// Requests per second of each instance at `elapsed` into the first day; 0 while paused.
    public func rates(elapsed: Duration) -> [Double] {
        guard !parameters.paused else { return weights.map { _ in 0 } }
        let factor = curve.factor(elapsed: elapsed)
        return weights.map { parameters.rate * $0 * factor }
    }

    /// The fleet's total target rate at `elapsed`.
    public func totalRate(elapsed: Duration) -> Double {
        rates(elapsed: elapsed).reduce(0, +)
    }
}
