import FleetModel
import FleetProcess

/// How `fleet up` runs its supervisor.
public struct SupervisorOptions: Sendable {
    /// The resolved configuration (flags applied, data folder absolute).
    public var config: FleetConfig
    /// The configuration file instances are started with; nil means the built-in default.
    public var configPath: String?
    /// The executable spawned as `<executable> instance …`; by default this one.
    public var executable: String
    /// The Prometheus the supervisor runs beside the fleet, if any.
    public var prometheus: PrometheusServer?
    /// Start a chaos run once the fleet is ready (`fleet up --chaos [--seed S]`).
    public var chaosAtStart: ChaosAtStart?
    /// The seed of the background traffic (`traffic.seed`, else drawn by `fleet up` and
    /// printed); nil runs the fleet without traffic.
    public var trafficSeed: UInt64?

    /// `fleet up --chaos`: the seed, or nil for the configured one (else a fresh one).
    public struct ChaosAtStart: Sendable {
        public var seed: UInt64?

        public init(seed: UInt64?) {
            self.seed = seed
        }
    }

    public init(
        config: FleetConfig, configPath: String?, executable: String = ChildProcess.currentExecutable,
        prometheus: PrometheusServer? = nil, chaosAtStart: ChaosAtStart? = nil, trafficSeed: UInt64? = nil
    ) {
        self.trafficSeed = trafficSeed
        self.config = config
        self.configPath = configPath
        self.executable = executable
        self.prometheus = prometheus
        self.chaosAtStart = chaosAtStart
    }
}
