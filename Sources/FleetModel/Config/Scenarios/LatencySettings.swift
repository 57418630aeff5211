/// `scenarios.scenario4:` — added latency on the service's endpoints.
public struct LatencySettings: Sendable, Equatable {
    /// Fixed extra wait of every affected request.
    public var delay: Duration = .milliseconds(250)
    /// A uniform random extra wait in `0...jitter` on top of `delay`, so percentiles spread.
    public var jitter: Duration = .milliseconds(250)

    public init() {}
}
