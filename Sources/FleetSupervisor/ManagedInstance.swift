import FleetModel
#if canImport(Glibc)
import Glibc
#endif

/// The supervisor's view of one instance.
struct ManagedInstance: Sendable {
    let id: String
    let port: Int
    let url: String
    var pid: pid_t?
    var state: InstanceStatus.State = .starting
    /// The scenario the instance last reported.
    var scenario: ScenarioAlias?
    /// Restarts so far, as `fleet_instance_restarts_total` counts them.
    var restarts = 0
    /// Deaths in a row without a stable period in between; past `max_restarts` it stays down.
    var consecutiveFailures = 0
    var spawnedAt: ContinuousClock.Instant = .now
    var lastHeard: ContinuousClock.Instant = .now
    /// When a scheduled restart is due.
    var restartAt: ContinuousClock.Instant?
    /// True once the instance registered over the control link since its last spawn.
    var registered = false

    init(id: String, host: String, port: Int) {
        self.id = id
        self.port = port
        url = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    var status: InstanceStatus {
        InstanceStatus(id: id, url: url, pid: pid, state: state, scenario: scenario, restarts: restarts)
    }
}
