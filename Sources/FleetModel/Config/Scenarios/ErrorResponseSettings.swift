/// `scenarios.scenario5:` — a share of requests fails with HTTP 500.
public struct ErrorResponseSettings: Sendable, Equatable {
    /// Share of the affected requests that answer 500, from 0 (none) to 1 (all).
    public var errorRate = 0.3

    public init() {}
}
