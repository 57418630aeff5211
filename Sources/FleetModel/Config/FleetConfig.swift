/// The whole configuration of a fleet, as `fleet.yaml` describes it.
///
/// Every property has the default of the repository's `fleet.yaml`: `FleetConfig()` *is* the
/// embedded default, and a test keeps the two equal. Parsing and validation live in
/// `FleetConfigLoader`; this file only declares the shape.
public struct FleetConfig: Sendable, Equatable {
    public var fleet = FleetSettings()
    public var node = NodeSettings()
    public var metrics = MetricsSettings()
    public var scenarios = ScenarioSettings()
    public var supervisor = SupervisorSettings()
    public var prometheus = PrometheusSettings()
    public var chaos = ChaosSettings()
    public var traffic = TrafficSettings()
    public var topology = TopologySettings()
    public var classroom = ClassroomSettings()
    public var console = ConsoleSettings()

    public init() {}
}

/// `fleet:` — how many instances, where they listen and where they keep their files.
public struct FleetSettings: Sendable, Equatable {
    /// Shown in `fleet status` and as the `fleet` label of every Prometheus target.
    public var name = "workshop"
    /// Number of instances (`svc-01` … `svc-NN`).
    public var instances = 5
    /// The address every server binds to; loopback by default.
    public var host = "127.0.0.1"
    /// Instance *i* (1-based) listens on `basePort + i - 1`.
    public var basePort = 8081
    /// Root of the fleet's files: one folder per instance, the control sockets, Prometheus data.
    /// Relative paths are resolved against the working directory at start.
    public var dataDir = ".fleet"

    public init() {}
}

/// `node:` — the simulated host that each instance reports in `node_*` metrics.
public struct NodeSettings: Sendable, Equatable {
    /// `node_memory_MemTotal_bytes` of each simulated host.
    public var memory = ByteSize(bytes: 2 * 1 << 30)
    /// `node_filesystem_size_bytes{mountpoint="/"}` of each simulated host; scenario2 stops here.
    public var disk = ByteSize(bytes: 1 << 30)
    /// Simulated CPUs of each host: `node_cpu_seconds_total{cpu="0"…}` spreads the instance's
    /// own CPU use over this many, as node_exporter reports one series set per CPU.
    public var cpus = 2

    public init() {}
}

/// `metrics:` — naming of the process-exporter-style metrics.
public struct MetricsSettings: Sendable, Equatable {
    /// The `groupname` label of `namedprocess_namegroup_*`; `python` keeps the handout's queries.
    public var processGroup = "python"

    public init() {}
}

/// `scenarios:` — parameters of the failure scenarios; scenario1–3 default to the original's.
public struct ScenarioSettings: Sendable, Equatable {
    public var scenario1 = MemoryLeakSettings()
    public var scenario2 = DiskFillSettings()
    public var scenario3 = RateLimitSettings()
    public var scenario4 = LatencySettings()
    public var scenario5 = ErrorResponseSettings()
    public var scenario6 = CPUBurnSettings()
    public var scenario7 = CrashLoopSettings()
    public var scenario8 = FileDescriptorLeakSettings()

    public init() {}
}

/// `scenarios.scenario1:` — the memory leak.
public struct MemoryLeakSettings: Sendable, Equatable {
    /// Bytes allocated and touched per step (original: 1,000,000).
    public var chunkSize = ByteSize(bytes: 1_000_000)
    /// Time between steps (original: 1 s).
    public var interval: Duration = .seconds(1)
    /// Steps before the leak stops growing (original: 600); the leak's cap is `chunkSize × maxChunks`.
    public var maxChunks = 600

    public init() {}

    /// The most memory the scenario may hold.
    public var cap: ByteSize { ByteSize(bytes: chunkSize.bytes * Int64(maxChunks)) }
}

/// `scenarios.scenario2:` — the disk fill.
public struct DiskFillSettings: Sendable, Equatable {
    /// Bytes per file (original: 4,000,000).
    public var chunkSize = ByteSize(bytes: 4_000_000)
    /// Time between files (original: 1 s).
    public var interval: Duration = .seconds(1)
    /// Free space the *real* filesystem keeps: the scenario never writes below it.
    public var freeSpaceReserve = ByteSize(bytes: 2 * 1 << 30)

    public init() {}
}

/// `scenarios.scenario3:` — the rate-limited endpoint and the client that hammers it.
public struct RateLimitSettings: Sendable, Equatable {
    /// Requests per second of the in-process client; `0` sends without pause, as the original.
    public var clientRate: Double = 50
    /// Allowed calls per window of `/scenario/do_something` (original: 10).
    public var limit = 10
    /// The fixed window (original: 60 s).
    public var window: Duration = .seconds(60)
    /// Allowed calls sleep a random time in `minDelay...maxDelay` (original: 100–1000 ms).
    public var minDelay: Duration = .milliseconds(100)
    public var maxDelay: Duration = .milliseconds(1000)

    public init() {}
}

/// `supervisor:` — how the supervisor keeps its instances and where it can be reached.
public struct SupervisorSettings: Sendable, Equatable {
    /// Port of the supervisor's own `/metrics` (on `fleet.host`); `0` disables it.
    public var metricsPort = 9100
    /// Heartbeats go both ways at this interval.
    public var heartbeatInterval: Duration = .seconds(1)
    /// A peer is dead after this many missed heartbeats.
    public var heartbeatMisses = 3
    /// Restarts of one instance before it is marked down for good.
    public var maxRestarts = 5
    /// First restart delay; doubles per consecutive restart up to `restartBackoffMax`.
    public var restartBackoff: Duration = .milliseconds(100)
    public var restartBackoffMax: Duration = .seconds(5)
    /// How long `fleet up` waits for every instance to answer `/scenario/health`.
    public var readyTimeout: Duration = .seconds(15)
    /// ZeroMQ endpoints; `nil` means an `ipc://` socket inside `fleet.dataDir`.
    public var control = ControlEndpoints()

    public init() {}
}

/// `supervisor.control:` — the three ZeroMQ endpoints of a fleet.
public struct ControlEndpoints: Sendable, Equatable {
    /// CLI ⇄ supervisor request/reply (`ipc://<data_dir>/control.sock` by default).
    public var command: String?
    /// Supervisor → anyone event stream, PUB (`ipc://<data_dir>/events.sock`).
    public var events: String?
    /// Supervisor ROUTER ⇄ instance DEALERs (`ipc://<data_dir>/instances.sock`).
    public var instances: String?
    /// CurveZMQ on all three: encrypted, and only clients whose public key is authorised (in
    /// `<data_dir>/curve/`) are served; required for a `tcp://` endpoint beyond loopback.
    public var curve = false

    public init() {}
}

/// Whether `fleet up` runs a Prometheus server.
public enum PrometheusMode: String, Sendable, Equatable, CaseIterable {
    /// Only when the `prometheus` binary is found (the default).
    case auto
    /// Always; a missing binary is an error that names the install command.
    case enabled = "true"
    /// Never.
    case disabled = "false"
}

/// `prometheus:` — the Prometheus that `fleet up` starts.
public struct PrometheusSettings: Sendable, Equatable {
    public var enabled: PrometheusMode = .auto
    /// Listens on `fleet.host` at this port.
    public var port = 9090
    public var scrapeInterval: Duration = .seconds(5)
    /// How often alert rules are evaluated; short, so a classroom sees alerts go pending quickly.
    public var evaluationInterval: Duration = .seconds(5)
    /// Alert/recording rule files, relative to the configuration file's folder.
    public var ruleFiles: [String] = PrometheusSettings.defaultRuleFiles
    /// Keep the TSDB (`<data_dir>/prometheus/data`) when the fleet stops, so a class can review
    /// a round afterwards and the next `fleet up` of the same fleet continues it; `false`
    /// deletes it at every stop. `fleet down --purge` deletes it either way.
    public var keepData = true
    /// How long samples are kept (Prometheus' `--storage.tsdb.retention.time`).
    public var retention: Duration = .seconds(7 * 24 * 3600)
    /// The most disk the TSDB may take (Prometheus' `--storage.tsdb.retention.size`: the oldest
    /// blocks go first); counted by `fleet up`'s disk check like the scenarios' caps.
    public var retentionSize = ByteSize(bytes: 1 << 30)

    /// The lab's alert rules, shipped in the repository.
    public static let defaultRuleFiles = ["lab/rules/fleet-alerts.yml"]

    public init() {}
}

/// `chaos.max_concurrent:` — most instances affected at once, as a count or a share of the fleet.
public enum ConcurrencyLimit: Sendable, Equatable {
    case count(Int)
    case fraction(Double)

    /// The limit for a fleet of `instances` (a fraction rounds down, but allows at least one).
    public func limit(forInstances instances: Int) -> Int {
        switch self {
        case .count(let count): return max(0, min(count, instances))
        case .fraction(let share): return max(1, min(instances, Int((Double(instances) * share).rounded(.down))))
        }
    }
}

/// The scenario aliases: the workshop service's three, then five more failure modes.
public enum ScenarioAlias: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case scenario1, scenario2, scenario3, scenario4, scenario5, scenario6, scenario7, scenario8

    public static func < (lhs: ScenarioAlias, rhs: ScenarioAlias) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the scenario simulates (its kind), for `fleet status`, chaos reveals and grading.
    /// These words are a public interface: answers may name a scenario by them.
    public var failureMode: String {
        switch self {
        case .scenario1: return "memory leak"
        case .scenario2: return "disk fill"
        case .scenario3: return "rate limit"
        case .scenario4: return "latency"
        case .scenario5: return "errors"
        case .scenario6: return "cpu"
        case .scenario7: return "crash loop"
        case .scenario8: return "fd leak"
        }
    }

    /// `scenario1, scenario2, …, scenario8` for help and error texts.
    public static var aliasList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// `scenario1 (memory leak), …, scenario8 (fd leak)` for help texts.
    public static var kindList: String { allCases.map { "\($0.rawValue) (\($0.failureMode))" }.joined(separator: ", ") }
}

/// `chaos:` — the seeded, randomized rollout of scenarios across the fleet.
public struct ChaosSettings: Sendable, Equatable {
    /// The plan's seed; `nil` means a fresh one is generated and printed.
    public var seed: UInt64?
    /// Total length of a chaos run.
    public var duration: Duration = .seconds(30 * 60)
    /// Mean time between two injections (exponentially distributed).
    public var meanGap: Duration = .seconds(120)
    /// One injection lasts a uniform time in `holdMin...holdMax`.
    public var holdMin: Duration = .seconds(60)
    public var holdMax: Duration = .seconds(300)
    /// Relative weight of each scenario; a missing or zero weight never picks it.
    public var weights: [ScenarioAlias: Double] = Dictionary(uniqueKeysWithValues: ScenarioAlias.allCases.map { ($0, 1) })
    /// Most instances affected at once.
    public var maxConcurrent: ConcurrencyLimit = .fraction(0.3)
    /// Instance ids chaos never touches.
    public var exclude: [String] = []
    /// Quiet time at the start before the first injection.
    public var warmup: Duration = .seconds(60)
    /// Publish `fleet_scenario_active{instance,scenario}` on the supervisor's metrics (instructor only).
    public var exposeTruth = false

    public init() {}

    /// The longest chaos run: a class day, with room to spare.
    public static let maxDuration: Duration = .seconds(7 * 24 * 3600)
    /// Most injection slots one plan may draw (`duration / mean_gap`): plans are computed
    /// up front, so a huge ratio would stall the supervisor and exhaust memory.
    public static let maxPlannedSlots = 100_000

    /// Why a plan over `duration` would be unreasonable, or nil when it is fine.
    public func planSizeProblem(duration: Duration) -> String? {
        if duration > Self.maxDuration {
            return "expected a duration of at most 7d, found \(DurationSyntax.format(duration))"
        }
        guard meanGap > .zero else { return nil }
        let slots = duration / meanGap
        if slots > Double(Self.maxPlannedSlots) {
            return "expected at most \(Self.maxPlannedSlots) injection slots (duration / mean_gap), found about \(Int(slots)): "
                + "lengthen mean_gap or shorten duration"
        }
        return nil
    }
}

extension FleetConfig {
    /// Width of the zero-padded instance number: `svc-01`…`svc-05` for 5, `svc-001` for 100.
    public var instanceIDWidth: Int { max(2, String(fleet.instances).count) }

    /// The ids of every instance, in order.
    public var instanceIDs: [String] {
        (1...max(1, fleet.instances)).map { instanceID(ordinal: $0) }.prefix(fleet.instances).map { $0 }
    }

    /// The id of instance `ordinal` (1-based).
    public func instanceID(ordinal: Int) -> String {
        let digits = String(ordinal)
        return "svc-" + String(repeating: "0", count: max(0, instanceIDWidth - digits.count)) + digits
    }

    /// The HTTP port of instance `ordinal` (1-based).
    public func port(ordinal: Int) -> Int { fleet.basePort + ordinal - 1 }
}
