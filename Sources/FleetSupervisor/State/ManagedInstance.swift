import FleetModel

/// The supervisor's view of one instance: one row of ``FleetState``.
public struct ManagedInstance: Sendable, Equatable {
    public let id: String
    public let port: Int
    public let url: String
    /// The live process, from its spawn until it is reaped.
    public var pid: Int32?
    public var state: InstanceStatus.State = .starting
    /// The scenario the instance last reported.
    public var scenario: ScenarioAlias?
    /// Restarts so far, as `fleet_instance_restarts_total` counts them.
    public var restarts = 0
    /// Deaths in a row without a stable period in between; past `max_restarts` it stays down.
    public var consecutiveFailures = 0
    public var spawnedAt: ContinuousClock.Instant?
    /// Its heartbeats, from its registration on.
    public var liveness: LivenessClock
    /// True once a hung process was sent SIGKILL: it is not killed again while it is reaped.
    public var killed = false
    /// When a scheduled restart is due.
    public var restartAt: ContinuousClock.Instant?
    /// True once the instance registered over the control link since its last spawn.
    public var registered = false
    /// A stop of its crash loop was asked for while it restarted: sent once it registers.
    public var pendingStop = false

    public init(id: String, host: String, port: Int, liveness: LivenessClock) {
        self.id = id
        self.liveness = liveness
        self.port = port
        url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// The row of `fleet status`.
    public var status: InstanceStatus {
        InstanceStatus(id: id, url: url, pid: pid, state: state, scenario: scenario, restarts: restarts)
    }
}
