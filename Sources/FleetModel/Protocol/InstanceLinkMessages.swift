/// Instance → supervisor, over the instance's DEALER (routing id = instance id).
public struct InstanceReport: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Sent once at start and again after a reconnect: "I am up".
        case register
        /// Every heartbeat interval.
        case heartbeat
        /// The answer to a `command`, with the resulting state.
        case ack
        /// A scenario started or stopped for another reason (a student's HTTP call, shutdown).
        case state
    }

    public var v = ControlProtocol.version
    public var type: Kind
    public var instance: String
    /// The scenario running after this message, `nil` when none.
    public var scenario: ScenarioAlias?
    /// `register`: the instance's process id and HTTP port.
    public var pid: Int32?
    public var port: Int?
    /// `ack`: the command's id and its outcome.
    public var id: String?
    public var outcome: CommandOutcome?
    /// `state`: who changed it.
    public var origin: String?

    public init(
        type: Kind, instance: String, scenario: ScenarioAlias?, pid: Int32? = nil, port: Int? = nil,
        id: String? = nil, outcome: CommandOutcome? = nil, origin: String? = nil
    ) {
        self.type = type
        self.instance = instance
        self.scenario = scenario
        self.pid = pid
        self.port = port
        self.id = id
        self.outcome = outcome
        self.origin = origin
    }
}

/// Supervisor → instance, over the supervisor's ROUTER.
public struct SupervisorOrder: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case heartbeat
        case command
    }

    /// What a command asks.
    public enum Action: String, Codable, Sendable {
        case start
        case stop
        /// Stop whatever runs.
        case stopAll = "stop_all"
    }

    public var v = ControlProtocol.version
    public var type: Kind
    /// `command`: the request id the ack repeats.
    public var id: String?
    public var action: Action?
    public var scenario: ScenarioAlias?

    public init(type: Kind, id: String? = nil, action: Action? = nil, scenario: ScenarioAlias? = nil) {
        self.type = type
        self.id = id
        self.action = action
        self.scenario = scenario
    }
}

/// The result of a start or stop on one instance, as reported in acks and to the CLI.
public enum CommandOutcome: String, Codable, Sendable, Equatable {
    case started
    /// Start of the scenario that already runs (HTTP would answer 304).
    case alreadyRunning = "already_running"
    /// Another scenario runs (HTTP would answer 409).
    case conflict
    case stopped
    /// Stop of a scenario that does not run (HTTP would answer 304).
    case notRunning = "not_running"
    /// The instance did not answer in time.
    case timeout
    /// The instance is not up.
    case unavailable
    /// Chaos left it alone: a student already runs another scenario there.
    case skipped
}
