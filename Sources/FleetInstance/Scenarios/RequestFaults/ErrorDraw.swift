import FleetModel

/// scenario5's decision: whether one request fails with a 500.
public struct ErrorDraw: Sendable, Equatable {
    /// Share of requests that fail, 0…1.
    public var errorRate: Double

    public init(settings: ErrorResponseSettings) {
        errorRate = settings.errorRate
    }

    /// True for a `uniform` draw in `0..<1` below the rate: over many requests, the share that
    /// fails is `errorRate` (all of them at 1, none at 0).
    public func fails(uniform: Double) -> Bool {
        uniform < errorRate
    }
}
