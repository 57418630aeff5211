import FleetModel

/// Everything an instance's handlers share: its identity, configuration, metrics, scenario
/// controller and rate limiter.
public struct InstanceRuntime: Sendable {
    public let identity: InstanceIdentity
    public let config: FleetConfig
    public let metrics: InstanceMetrics
    public let controller: ScenarioController
    public let limiter: FixedWindowRateLimiter
    /// scenario3's connection to this instance, kept from one run to the next.
    public let keptConnection: ParkedConnection

    /// Builds a runtime whose scenarios have real effects, as configured.
    public init(identity: InstanceIdentity, config: FleetConfig) {
        let keptConnection = ParkedConnection()
        self.init(identity: identity, config: config, keptConnection: keptConnection) { alias in
            Self.realScenario(alias, identity: identity, config: config, keptConnection: keptConnection)
        }
    }

    /// Builds a runtime with injected scenario runners (tests).
    public init(
        identity: InstanceIdentity, config: FleetConfig,
        makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario
    ) {
        self.init(identity: identity, config: config, keptConnection: ParkedConnection(), makeScenario: makeScenario)
    }

    private init(
        identity: InstanceIdentity, config: FleetConfig, keptConnection: ParkedConnection,
        makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario
    ) {
        self.identity = identity
        self.config = config
        self.keptConnection = keptConnection
        metrics = InstanceMetrics(
            host: identity.host, port: identity.port, processGroup: config.metrics.processGroup,
            simulatedHost: SimulatedHost(
                diskSize: config.node.disk.bytes, memorySize: config.node.memory.bytes,
                dataDirectory: identity.dataDirectory))
        controller = ScenarioController(makeScenario: makeScenario)
        limiter = FixedWindowRateLimiter(limit: config.scenarios.scenario3.limit, window: config.scenarios.scenario3.window)
    }

    /// The scenario with real effects for `alias`.
    public static func realScenario(
        _ alias: ScenarioAlias, identity: InstanceIdentity, config: FleetConfig, keptConnection: ParkedConnection? = nil
    ) -> any FailureScenario {
        switch alias {
        case .scenario1:
            return MemoryLeakScenario(settings: config.scenarios.scenario1)
        case .scenario2:
            return DiskFillScenario(
                settings: config.scenarios.scenario2, dataDirectory: identity.dataDirectory,
                diskSize: config.node.disk.bytes)
        case .scenario3:
            return RateLimitClientScenario(
                host: identity.host, port: identity.port, rate: config.scenarios.scenario3.clientRate,
                keptConnection: keptConnection)
        }
    }
}
