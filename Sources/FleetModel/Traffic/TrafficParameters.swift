/// The knobs of the background traffic an instructor may turn during class
/// (`fleet traffic set|pause|resume`); the supervisor holds them, the generator follows them.
public struct TrafficParameters: Sendable, Equatable, Codable {
    /// Mean requests per second per instance.
    public var rate: Double
    public var skew: Double
    public var amplitude: Double
    public var paused: Bool

    public init(rate: Double, skew: Double, amplitude: Double, paused: Bool = false) {
        self.rate = rate
        self.skew = skew
        self.amplitude = amplitude
        self.paused = paused
    }

    /// The configured knobs, running.
    public init(settings: TrafficSettings) {
        self.init(rate: settings.rate, skew: settings.skew, amplitude: settings.amplitude)
    }

    /// The knobs after `adjustment`, or why it is refused (then nothing changes).
    public func adjusted(_ adjustment: TrafficAdjustment) -> Result<TrafficParameters, TrafficAdjustment.Refusal> {
        if let rate = adjustment.rate, !(rate.isFinite && rate >= 0 && rate <= TrafficSettings.maxRate) {
            return .failure(.init(message: "rate must be from 0 to \(Int(TrafficSettings.maxRate)) requests per second per instance, got \(rate)"))
        }
        if let skew = adjustment.skew, !(skew.isFinite && (0...1).contains(skew)) {
            return .failure(.init(message: "skew must be from 0 (equal shares) to 1 (strongly uneven), got \(skew)"))
        }
        if let amplitude = adjustment.amplitude, !(amplitude.isFinite && (0...1).contains(amplitude)) {
            return .failure(.init(message: "amplitude must be from 0 to 1, got \(amplitude)"))
        }
        var next = self
        next.rate = adjustment.rate ?? rate
        next.skew = adjustment.skew ?? skew
        next.amplitude = adjustment.amplitude ?? amplitude
        next.paused = adjustment.paused ?? paused
        return .success(next)
    }
}

/// A change of the traffic knobs: what is nil stays as it is.
public struct TrafficAdjustment: Sendable, Equatable {
    public var rate: Double?
    public var skew: Double?
    public var amplitude: Double?
    public var paused: Bool?

    public init(rate: Double? = nil, skew: Double? = nil, amplitude: Double? = nil, paused: Bool? = nil) {
        self.rate = rate
        self.skew = skew
        self.amplitude = amplitude
        self.paused = paused
    }

    /// Why a change was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
