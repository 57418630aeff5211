import FleetModel

/// The timing rules of supervision, from `supervisor:` in `fleet.yaml`.
public struct SupervisionPolicy: Sendable, Equatable {
    /// How often heartbeats go out.
    public var heartbeatInterval: Duration
    /// An instance silent for `heartbeatInterval × heartbeatMisses` after registering is hung.
    public var heartbeatMisses: Int
    /// How long a spawned instance may take to register before it counts as hung.
    public var readyTimeout: Duration
    /// First restart delay; doubles per consecutive failure up to `restartBackoffMax`.
    public var restartBackoff: Duration
    public var restartBackoffMax: Duration
    /// Consecutive failures after which an instance stays down.
    public var maxRestarts: Int
    /// An instance up this long without dying has its consecutive-failure count reset.
    public var stablePeriod: Duration

    public init(_ settings: SupervisorSettings, stablePeriod: Duration = .seconds(30)) {
        heartbeatInterval = settings.heartbeatInterval
        heartbeatMisses = settings.heartbeatMisses
        readyTimeout = settings.readyTimeout
        restartBackoff = settings.restartBackoff
        restartBackoffMax = settings.restartBackoffMax
        maxRestarts = settings.maxRestarts
        self.stablePeriod = stablePeriod
    }

    /// Silence after which a registered instance is hung.
    public var heartbeatDeadline: Duration { heartbeatInterval * heartbeatMisses }

    /// Silence after which an instance that has not registered yet is hung: spawning a large
    /// fleet on two cores takes a while, so registration gets the ready timeout.
    public var registrationDeadline: Duration { max(heartbeatDeadline, readyTimeout) }

    /// The delay before the restart that follows the `failures`-th consecutive failure (1-based):
    /// `restartBackoff`, doubled per failure, capped at `restartBackoffMax`.
    public func backoff(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 16)
        return min(restartBackoff * (1 << exponent), restartBackoffMax)
    }
}
