import FleetModel

/// How `fleet up` runs its supervisor.
public struct SupervisorOptions: Sendable {
    /// The resolved configuration (flags applied, data folder absolute).
    public var config: FleetConfig
    /// The configuration file instances are started with; nil means the built-in default.
    public var configPath: String?
    /// The executable spawned as `<executable> instance …`; by default this one.
    public var executable: String

    public init(config: FleetConfig, configPath: String?, executable: String = ChildProcess.currentExecutable) {
        self.config = config
        self.configPath = configPath
        self.executable = executable
    }
}
