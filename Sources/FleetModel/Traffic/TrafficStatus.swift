/// `traffic_status`: what the background traffic does now.
///
/// On the wire (the reply's `traffic` object): `{"seed": 7, "rate": 5, "skew": 0.5,
/// "amplitude": 0.5, "paused": false, "period_ms": 600000, "phase": 0.25, "time_of_day": "12:00",
/// "target_rate": 37.5, "generator": "running", "instances": [{"id": "svc-01", "zone": "zone-a",
/// "version": "v1", "weight": 1.21, "share": 0.242, "rate": 9.07}, …]}`.
public struct TrafficStatus: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var parameters: TrafficParameters
    public var periodMs: Int64
    /// Elapsed share of the simulated day, `[0, 1)`.
    public var phase: Double
    /// The simulated time of day, `HH:MM` (a day starts at 06:00, peaks at 12:00).
    public var timeOfDay: String
    /// Requests per second the whole fleet gets now (0 while paused).
    public var targetRate: Double
    /// `running`, `starting` (spawned, not yet following), `down` or `disabled`.
    public var generator: String
    public var instances: [TrafficShare]

    public init(
        seed: UInt64, parameters: TrafficParameters, periodMs: Int64, phase: Double, timeOfDay: String,
        targetRate: Double, generator: String, instances: [TrafficShare]
    ) {
        self.seed = seed
        self.parameters = parameters
        self.periodMs = periodMs
        self.phase = phase
        self.timeOfDay = timeOfDay
        self.targetRate = targetRate
        self.generator = generator
        self.instances = instances
    }

    enum CodingKeys: String, CodingKey {
        case seed, rate, skew, amplitude, paused, phase, generator, instances
        case periodMs = "period_ms"
        case timeOfDay = "time_of_day"
        case targetRate = "target_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(UInt64.self, forKey: .seed)
        parameters = TrafficParameters(
            rate: try container.decode(Double.self, forKey: .rate), skew: try container.decode(Double.self, forKey: .skew),
            amplitude: try container.decode(Double.self, forKey: .amplitude), paused: try container.decode(Bool.self, forKey: .paused))
        periodMs = try container.decode(Int64.self, forKey: .periodMs)
        phase = try container.decode(Double.self, forKey: .phase)
        timeOfDay = try container.decode(String.self, forKey: .timeOfDay)
        targetRate = try container.decode(Double.self, forKey: .targetRate)
        generator = try container.decode(String.self, forKey: .generator)
        instances = try container.decode([TrafficShare].self, forKey: .instances)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encode(parameters.rate, forKey: .rate)
        try container.encode(parameters.skew, forKey: .skew)
        try container.encode(parameters.amplitude, forKey: .amplitude)
        try container.encode(parameters.paused, forKey: .paused)
        try container.encode(periodMs, forKey: .periodMs)
        try container.encode(phase, forKey: .phase)
        try container.encode(timeOfDay, forKey: .timeOfDay)
        try container.encode(targetRate, forKey: .targetRate)
        try container.encode(generator, forKey: .generator)
        try container.encode(instances, forKey: .instances)
    }
}

/// One instance's part of the traffic.
public struct TrafficShare: Sendable, Equatable, Codable {
    public var id: String
    public var zone: String
    public var version: String
    /// Relative weight, mean 1 over the fleet.
    public var weight: Double
    /// Fraction of the fleet's traffic, `weight / instances`.
    public var share: Double
    /// Requests per second now.
    public var rate: Double

    public init(id: String, zone: String, version: String, weight: Double, share: Double, rate: Double) {
        self.id = id
        self.zone = zone
        self.version = version
        self.weight = weight
        self.share = share
        self.rate = rate
    }
}
