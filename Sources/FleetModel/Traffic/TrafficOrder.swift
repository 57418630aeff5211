/// Supervisor → traffic generator, on the traffic link (the supervisor's PUB, the generator's
/// SUB): the whole of what the generator must do, sent on every change and once a second, so a
/// generator that (re)connects is in step within a second and a lost message costs nothing.
///
/// `{"v":1,"type":"traffic_settings","seed":7,"elapsed_ms":61000,"rate":5,"skew":0.5,"amplitude":0.5,"paused":false}`
public struct TrafficOrder: Sendable, Equatable, Codable {
    public var v = ControlProtocol.version
    public var type = TrafficOrder.typeName
    public var seed: UInt64
    /// Time since the simulated day began, on the supervisor's clock: the generator's curve
    /// stays in phase with `fleet traffic status` across generator restarts.
    public var elapsedMs: Int64
    public var rate: Double
    public var skew: Double
    public var amplitude: Double
    public var paused: Bool

    /// The only `type` of the link.
    public static let typeName = "traffic_settings"
    /// The topic frame of every order.
    public static let topic = "traffic"

    public init(seed: UInt64, elapsedMs: Int64, parameters: TrafficParameters) {
        self.seed = seed
        self.elapsedMs = elapsedMs
        rate = parameters.rate
        skew = parameters.skew
        amplitude = parameters.amplitude
        paused = parameters.paused
    }

    public var parameters: TrafficParameters {
        TrafficParameters(rate: rate, skew: skew, amplitude: amplitude, paused: paused)
    }

    enum CodingKeys: String, CodingKey {
        case v, type, seed, rate, skew, amplitude, paused
        case elapsedMs = "elapsed_ms"
    }
}
