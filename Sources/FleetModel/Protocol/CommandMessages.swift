/// CLI (or any client) → supervisor, on the command endpoint (the supervisor's ROUTER; clients
/// use REQ, or DEALER with an empty delimiter frame).
public struct ControlRequest: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Liveness of the supervisor itself.
        case ping
        /// The fleet's instances and their states.
        case status
        /// Start `scenario` on `instances`.
        case start
        /// Stop `scenario` (an alias or `all`) on `instances`.
        case stop
        /// Shut the fleet down, as Ctrl-C does.
        case shutdown
        /// Run a chaos plan (`seed`, `duration_ms`) in the supervisor.
        case chaos
        /// Stop the running chaos plan and the scenarios it started.
        case chaosStop = "chaos_stop"
    }

    public var v = ControlProtocol.version
    public var type: Kind
    /// Echoed in the reply.
    public var id: String?
    /// `start`: an alias; `stop`: an alias or `all`.
    public var scenario: String?
    public var instances: InstanceSelection?
    /// `chaos`: the plan's seed (absent: the configured one, else a fresh one).
    public var seed: UInt64?
    /// `chaos`: the run's length in milliseconds (absent: `chaos.duration`).
    public var durationMs: Int64?

    public init(
        type: Kind, id: String? = nil, scenario: String? = nil, instances: InstanceSelection? = nil,
        seed: UInt64? = nil, durationMs: Int64? = nil
    ) {
        self.type = type
        self.id = id
        self.scenario = scenario
        self.instances = instances
        self.seed = seed
        self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
        case v, type, id, scenario, instances, seed
        case durationMs = "duration_ms"
    }
}

/// `chaos` reply: what the supervisor is now running.
public struct ChaosSummary: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var injections: Int
    public var durationMs: Int64
    /// Where the answer key is written (instructor only).
    public var journal: String

    public init(seed: UInt64, injections: Int, durationMs: Int64, journal: String) {
        self.seed = seed
        self.injections = injections
        self.durationMs = durationMs
        self.journal = journal
    }

    enum CodingKeys: String, CodingKey {
        case seed, injections, journal
        case durationMs = "duration_ms"
    }
}

/// Which instances a command addresses. JSON: `"all"`, `["svc-01", "svc-03"]` or `{"random": 2}`.
public enum InstanceSelection: Codable, Sendable, Equatable {
    case all
    case ids([String])
    case random(Int)

    private struct RandomCount: Codable {
        var random: Int
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \"all\", a list of ids or {\"random\": k}")
            }
            self = .all
        } else if let ids = try? container.decode([String].self) {
            self = .ids(ids)
        } else if let random = try? container.decode(RandomCount.self) {
            self = .random(random.random)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \"all\", a list of ids or {\"random\": k}")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .ids(let ids): try container.encode(ids)
        case .random(let count): try container.encode(RandomCount(random: count))
        }
    }
}

/// Supervisor → client: the one reply to a `ControlRequest`.
public struct ControlReply: Codable, Sendable, Equatable {
    public var v = ControlProtocol.version
    /// `pong`, `status`, `result`, `ok` or `error`.
    public var type: String
    public var id: String?
    public var ok: Bool
    /// `status`: the fleet name and its instances.
    public var fleet: String?
    public var instances: [InstanceStatus]?
    /// `result`: one outcome per addressed instance.
    public var results: [InstanceResult]?
    /// `error`: what was wrong.
    public var error: ControlErrorBody?
    /// `chaos`: the plan now running.
    public var chaos: ChaosSummary?

    public init(
        type: String, id: String?, ok: Bool, fleet: String? = nil, instances: [InstanceStatus]? = nil,
        results: [InstanceResult]? = nil, error: ControlErrorBody? = nil, chaos: ChaosSummary? = nil
    ) {
        self.chaos = chaos
        self.type = type
        self.id = id
        self.ok = ok
        self.fleet = fleet
        self.instances = instances
        self.results = results
        self.error = error
    }

    /// An error reply.
    public static func failure(id: String?, code: String, message: String) -> ControlReply {
        ControlReply(type: "error", id: id, ok: false, error: ControlErrorBody(code: code, message: message))
    }
}

/// `error` of an error reply: a stable code and a sentence for people.
public struct ControlErrorBody: Codable, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// One instance in `fleet status`.
public struct InstanceStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        case up, starting, down
    }

    public var id: String
    /// Base URL of the instance's HTTP API.
    public var url: String
    public var pid: Int32?
    public var state: State
    public var scenario: ScenarioAlias?
    public var restarts: Int

    public init(id: String, url: String, pid: Int32?, state: State, scenario: ScenarioAlias?, restarts: Int) {
        self.id = id
        self.url = url
        self.pid = pid
        self.state = state
        self.scenario = scenario
        self.restarts = restarts
    }

    // `scenario` and `pid` are written as null rather than left out: clients read a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(pid, forKey: .pid)
        try container.encode(state, forKey: .state)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(restarts, forKey: .restarts)
    }
}

/// The outcome of a start or stop on one instance.
public struct InstanceResult: Codable, Sendable, Equatable {
    public var instance: String
    public var outcome: CommandOutcome
    /// The scenario running after the command.
    public var scenario: ScenarioAlias?
    /// Round trip of the command to the instance and back, in milliseconds.
    public var latencyMs: Double?

    public init(instance: String, outcome: CommandOutcome, scenario: ScenarioAlias?, latencyMs: Double? = nil) {
        self.instance = instance
        self.outcome = outcome
        self.scenario = scenario
        self.latencyMs = latencyMs
    }

    enum CodingKeys: String, CodingKey {
        case instance, outcome, scenario
        case latencyMs = "latency_ms"
    }
}
