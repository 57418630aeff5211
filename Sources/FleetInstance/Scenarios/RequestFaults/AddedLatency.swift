import FleetModel

/// scenario4's decision: how long one request waits before it is answered.
public struct AddedLatency: Sendable, Equatable {
    public var delay: Duration
    public var jitter: Duration

    public init(settings: LatencySettings) {
        delay = settings.delay
        jitter = settings.jitter
    }

    /// `delay + jitter × uniform`, for a `uniform` draw in `0..<1`; always in `delay...delay + jitter`.
    public func wait(uniform: Double) -> Duration {
        delay + jitter * min(max(uniform, 0), 1)
    }
}
