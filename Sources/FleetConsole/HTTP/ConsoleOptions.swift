import FleetModel

/// What the console needs to know of its fleet, drawn from the configuration by `fleet up`.
public struct ConsoleOptions: Sendable {
    /// The fleet's configuration: instance ids and ports, Prometheus' port, chaos settings for
    /// plan previews, the journal's path.
    public var config: FleetConfig
    /// Whether a student may start and stop scenarios on their own instance from the console
    /// (`classroom.scenario_control` in force is `open` or `owner`).
    public var studentsControlTheirInstance: Bool
    /// Owner (student name) of each instance that has one.
    public var owners: [String: String]
    /// Limits of the answers of a chaos round.
    public var answerLimits = AnswerLimits()
    /// Where the console reaches Prometheus for the sparklines (`fleet.host` by default).
    public var prometheusHost: String
    /// The fleet's client keys when its control plane requires CURVE (`supervisor.control.curve`):
    /// the console is a client of it like `fleet` commands.
    public var curve: CurveClientKeys?

    /// Options from their parts (`init(classroom:)` draws them from a configuration).
    public init(config: FleetConfig, studentsControlTheirInstance: Bool, owners: [String: String]) {
        self.config = config
        self.studentsControlTheirInstance = studentsControlTheirInstance
        self.owners = owners
        prometheusHost = config.fleet.host
    }

    /// The HTTP port of instance `id`, if it is one of the fleet's.
    func port(of id: String) -> Int? {
        config.instanceIDs.firstIndex(of: id).map { config.port(ordinal: $0 + 1) }
    }

    /// Prometheus' port, when `fleet up` runs one.
    var prometheusPort: Int? {
        config.prometheus.enabled == .disabled ? nil : config.prometheus.port
    }
}
