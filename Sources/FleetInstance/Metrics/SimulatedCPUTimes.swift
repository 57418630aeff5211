/// `node_cpu_seconds_total{cpu,mode}` of an instance's simulated host, derived from the
/// instance's own CPU use.
///
/// The host has `cpus` CPUs and has been up as long as the instance process; the process's
/// user and system seconds are spread evenly over the CPUs and the rest of each CPU's time is
/// idle. So `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[1m]))` is the
/// instance's CPU use divided by `cpus`, as on a real host where it is the only busy process.
public struct SimulatedCPUTimes: Sendable, Equatable {
    /// The modes node_exporter reports on Linux, in its order; those not simulated stay at 0.
    public static let modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"]

    public var cpus: Int
    public var user: Double
    public var system: Double
    public var idle: Double

    /// - Parameters:
    ///   - uptime: seconds since the process (the simulated host) started.
    ///   - userSeconds, systemSeconds: the process's CPU time.
    public init(cpus: Int, uptime: Double, userSeconds: Double, systemSeconds: Double) {
        self.cpus = max(1, cpus)
        let share = 1 / Double(self.cpus)
        user = max(0, userSeconds) * share
        system = max(0, systemSeconds) * share
        // A process busier than its host's CPUs cannot make idle time negative.
        idle = max(0, max(0, uptime) - user - system)
    }

    /// These times, no mode below `earlier`'s: what counters may show after `earlier`.
    public func notBelow(_ earlier: SimulatedCPUTimes?) -> SimulatedCPUTimes {
        guard let earlier else { return self }
        var times = self
        times.user = max(user, earlier.user)
        times.system = max(system, earlier.system)
        times.idle = max(idle, earlier.idle)
        return times
    }

    /// Seconds of one CPU in `mode` (every CPU has the same).
    public func seconds(mode: String) -> Double {
        switch mode {
        case "idle": return idle
        case "user": return user
        case "system": return system
        default: return 0
        }
    }
}
