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
    /// The latency or error fault scenario4/5 put on the affected endpoints while they run.
    public let faults: RequestFaults
    /// Who may change scenarios over HTTP (`classroom.scenario_control`), with the class's tokens.
    public let scenarioAccess: ScenarioAccessGuard

    /// Builds a runtime whose scenarios have real effects, as configured.
    public init(identity: InstanceIdentity, config: FleetConfig) {
        let keptConnection = ParkedConnection()
        let faults = RequestFaults()
        self.init(identity: identity, config: config, keptConnection: keptConnection, faults: faults) { alias in
            Self.realScenario(alias, identity: identity, config: config, keptConnection: keptConnection, faults: faults)
        }
    }

    /// Builds a runtime with injected scenario runners (tests).
    public init(
        identity: InstanceIdentity, config: FleetConfig,
        makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario
    ) {
        self.init(
            identity: identity, config: config, keptConnection: ParkedConnection(), faults: RequestFaults(),
            makeScenario: makeScenario)
    }

    private init(
        identity: InstanceIdentity, config: FleetConfig, keptConnection: ParkedConnection, faults: RequestFaults,
        makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario
    ) {
        self.identity = identity
        self.config = config
        self.keptConnection = keptConnection
        self.faults = faults
        metrics = InstanceMetrics(
            host: identity.host, port: identity.port, processGroup: config.metrics.processGroup,
            simulatedHost: SimulatedHost(
                diskSize: config.node.disk.bytes, memorySize: config.node.memory.bytes,
                dataDirectory: identity.dataDirectory, cpus: config.node.cpus))
        controller = ScenarioController(makeScenario: makeScenario)
        scenarioAccess = ScenarioAccessGuard(config: config, instanceID: identity.id)
        limiter = FixedWindowRateLimiter(limit: config.scenarios.scenario3.limit, window: config.scenarios.scenario3.window)
    }

    /// The scenario with real effects for `alias`. scenario4 and scenario5 act through `faults`,
    /// which must be the one the instance's handlers apply.
    public static func realScenario(
        _ alias: ScenarioAlias, identity: InstanceIdentity, config: FleetConfig, keptConnection: ParkedConnection? = nil,
        faults: RequestFaults = RequestFaults()
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
        case .scenario4:
            return RequestFaultScenario(fault: .latency(AddedLatency(settings: config.scenarios.scenario4)), faults: faults)
        case .scenario5:
            return RequestFaultScenario(fault: .errors(ErrorDraw(settings: config.scenarios.scenario5)), faults: faults)
        case .scenario6:
            return CPUBurnScenario(settings: config.scenarios.scenario6)
        case .scenario7:
            return CrashLoopScenario(settings: config.scenarios.scenario7, dataDirectory: identity.dataDirectory)
        case .scenario8:
            return FileDescriptorLeakScenario(settings: config.scenarios.scenario8, dataDirectory: identity.dataDirectory)
        }
    }
}

extension InstanceRuntime {
    /// Deletes the files a crashed or killed process of this instance left behind (scenario2's
    /// fill, scenario8's folder). The crash-loop marker stays: it is what keeps scenario7 on.
    public func removeScenarioLeftovers() {
        DiskFillScenario.removeLeftovers(in: identity.dataDirectory)
        FileDescriptorLeakScenario.removeLeftovers(in: identity.dataDirectory)
    }

    /// Starts scenario7 again when the previous process of this instance, under the same parent
    /// (supervisor), left the crash loop on; removes a stale marker of another parent. Call at
    /// start, before the supervisor link registers, so the registration reports it.
    @discardableResult
    public func resumeCrashLoopIfMarked() -> Bool {
        let marker = CrashLoopMarker(dataDirectory: identity.dataDirectory)
        guard marker.isSetByThisParent else {
            marker.remove()
            return false
        }
        // The supervisor's restart brought the loop back: its origin, and no new protocol value.
        // The registration that follows carries the running scenario.
        return controller.start(.scenario7, origin: .supervisor) == .started
    }
}
