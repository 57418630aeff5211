import Yams

/// Reading of each section of `fleet.yaml`: types only, ranges are checked by validation.
///
/// The key names here are the public interface of the file (snake_case, as in the handout and
/// the Python original) and must not change without changing every `fleet.yaml` out there.
extension FleetConfigLoader {
    /// The sections of the file, in the order of the repository's `fleet.yaml`.
    static let sections = ["fleet", "node", "metrics", "scenarios", "supervisor", "prometheus", "chaos", "traffic", "topology", "classroom", "console"]

    /// Fills `config` from the document root.
    ///
    /// `baseDirectory` is the folder relative paths in the file start from (`classroom.roster`).
    static func read(root: Node?, into config: inout FleetConfig, map: ConfigSourceMap, baseDirectory: String) throws {
        let document = try ConfigMapping(root: root, sections: sections, map: map)
        try document.read("fleet") { try readFleet($0, into: &config.fleet, map: map) }
        try document.read("node") { try readNode($0, into: &config.node, map: map) }
        try document.read("metrics") { try readMetrics($0, into: &config.metrics, map: map) }
        try document.read("scenarios") { try readScenarios($0, into: &config.scenarios, map: map) }
        try document.read("supervisor") { try readSupervisor($0, into: &config.supervisor, map: map) }
        try document.read("prometheus") { try readPrometheus($0, into: &config.prometheus, map: map) }
        try document.read("chaos") { try readChaos($0, into: &config.chaos, map: map) }
        try document.read("traffic") { try readTraffic($0, into: &config.traffic, map: map) }
        try document.read("topology") { try readTopology($0, into: &config.topology, map: map) }
        try document.read("classroom") {
            try readClassroom($0, into: &config.classroom, map: map, baseDirectory: baseDirectory)
        }
        try document.read("console") { try readConsole($0, into: &config.console, map: map) }
    }

    private static func readFleet(_ node: ConfigNode, into fleet: inout FleetSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(
            node, allowedKeys: ["name", "instances", "host", "base_port", "data_dir"], map: map)
        try section.read("name") { fleet.name = try $0.text() }
        try section.read("instances") { fleet.instances = try $0.wholeNumber() }
        try section.read("host") { fleet.host = try $0.text() }
        try section.read("base_port") { fleet.basePort = try $0.wholeNumber() }
        try section.read("data_dir") { fleet.dataDir = try $0.text() }
    }

    private static func readNode(_ node: ConfigNode, into settings: inout NodeSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(node, allowedKeys: ["memory", "disk", "cpus"], map: map)
        try section.read("memory") { settings.memory = try $0.size() }
        try section.read("disk") { settings.disk = try $0.size() }
        try section.read("cpus") { settings.cpus = try $0.wholeNumber() }
    }

    private static func readMetrics(_ node: ConfigNode, into metrics: inout MetricsSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(node, allowedKeys: ["process_group"], map: map)
        try section.read("process_group") { metrics.processGroup = try $0.text() }
    }

    private static func readScenarios(
        _ node: ConfigNode, into scenarios: inout ScenarioSettings, map: ConfigSourceMap
    ) throws {
        let section = try ConfigMapping(node, allowedKeys: ScenarioAlias.allCases.map(\.rawValue), map: map)
        try section.read("scenario1") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["chunk_size", "interval", "max_chunks"], map: map)
            try keys.read("chunk_size") { scenarios.scenario1.chunkSize = try $0.size() }
            try keys.read("interval") { scenarios.scenario1.interval = try $0.duration() }
            try keys.read("max_chunks") { scenarios.scenario1.maxChunks = try $0.wholeNumber() }
        }
        try section.read("scenario2") { scenario in
            let keys = try ConfigMapping(
                scenario, allowedKeys: ["chunk_size", "interval", "free_space_reserve"], map: map)
            try keys.read("chunk_size") { scenarios.scenario2.chunkSize = try $0.size() }
            try keys.read("interval") { scenarios.scenario2.interval = try $0.duration() }
            try keys.read("free_space_reserve") { scenarios.scenario2.freeSpaceReserve = try $0.size() }
        }
        try section.read("scenario3") { scenario in
            let keys = try ConfigMapping(
                scenario, allowedKeys: ["client_rate", "limit", "window", "min_delay", "max_delay"], map: map)
            try keys.read("client_rate") { scenarios.scenario3.clientRate = try $0.number() }
            try keys.read("limit") { scenarios.scenario3.limit = try $0.wholeNumber() }
            try keys.read("window") { scenarios.scenario3.window = try $0.duration() }
            try keys.read("min_delay") { scenarios.scenario3.minDelay = try $0.duration() }
            try keys.read("max_delay") { scenarios.scenario3.maxDelay = try $0.duration() }
        }
        try readAddedScenarios(section, into: &scenarios, map: map)
    }

    private static func readSupervisor(
        _ node: ConfigNode, into supervisor: inout SupervisorSettings, map: ConfigSourceMap
    ) throws {
        let section = try ConfigMapping(
            node,
            allowedKeys: [
                "metrics_port", "heartbeat_interval", "heartbeat_misses", "max_restarts",
                "restart_backoff", "restart_backoff_max", "ready_timeout", "control",
            ],
            map: map)
        try section.read("metrics_port") { supervisor.metricsPort = try $0.wholeNumber() }
        try section.read("heartbeat_interval") { supervisor.heartbeatInterval = try $0.duration() }
        try section.read("heartbeat_misses") { supervisor.heartbeatMisses = try $0.wholeNumber() }
        try section.read("max_restarts") { supervisor.maxRestarts = try $0.wholeNumber() }
        try section.read("restart_backoff") { supervisor.restartBackoff = try $0.duration() }
        try section.read("restart_backoff_max") { supervisor.restartBackoffMax = try $0.duration() }
        try section.read("ready_timeout") { supervisor.readyTimeout = try $0.duration() }
        try section.read("control") { control in
            let keys = try ConfigMapping(control, allowedKeys: ["command", "events", "instances", "curve"], map: map)
            try keys.read("curve") { supervisor.control.curve = try $0.bool() }
            // Null keeps the default (an ipc:// socket inside data_dir), so `command:` or
            // `command: ~` can stand in the file as documentation of the default.
            func endpoint(_ value: ConfigNode) throws -> String? { value.isNull ? nil : try value.text() }
            try keys.read("command") { supervisor.control.command = try endpoint($0) }
            try keys.read("events") { supervisor.control.events = try endpoint($0) }
            try keys.read("instances") { supervisor.control.instances = try endpoint($0) }
        }
    }

    private static func readPrometheus(
        _ node: ConfigNode, into prometheus: inout PrometheusSettings, map: ConfigSourceMap
    ) throws {
        let section = try ConfigMapping(
            node,
            allowedKeys: [
                "enabled", "port", "scrape_interval", "evaluation_interval", "rule_files", "keep_data", "retention",
                "retention_size",
            ],
            map: map)
        try section.read("enabled") { value in
            // YAML booleans (`true`, `False`) and the words themselves (`"true"`, `auto`) both work.
            switch value.scalarText?.lowercased() {
            case "auto": prometheus.enabled = .auto
            case "true": prometheus.enabled = .enabled
            case "false": prometheus.enabled = .disabled
            default: throw value.mismatch("auto, true or false")
            }
        }
        try section.read("port") { prometheus.port = try $0.wholeNumber() }
        try section.read("scrape_interval") { prometheus.scrapeInterval = try $0.duration() }
        try section.read("evaluation_interval") { prometheus.evaluationInterval = try $0.duration() }
        try section.read("rule_files") { value in
            prometheus.ruleFiles = try value.list().map { item in
                guard let path = item.scalarText, !path.isEmpty else { throw item.mismatch("a rule file path") }
                return path
            }
        }
        try section.read("keep_data") { prometheus.keepData = try $0.bool() }
        try section.read("retention") { prometheus.retention = try $0.duration() }
        try section.read("retention_size") { prometheus.retentionSize = try $0.size() }
    }

    private static func readChaos(_ node: ConfigNode, into chaos: inout ChaosSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(
            node,
            allowedKeys: [
                "seed", "duration", "mean_gap", "hold_min", "hold_max", "weights", "max_concurrent",
                "exclude", "warmup", "expose_truth",
            ],
            map: map)
        // Null means "no fixed seed": a fresh one is drawn and printed, as when the key is absent.
        try section.read("seed") { chaos.seed = $0.isNull ? nil : try $0.unsignedWholeNumber() }
        try section.read("duration") { chaos.duration = try $0.duration() }
        try section.read("mean_gap") { chaos.meanGap = try $0.duration() }
        try section.read("hold_min") { chaos.holdMin = try $0.duration() }
        try section.read("hold_max") { chaos.holdMax = try $0.duration() }
        try section.read("weights") { value in
            // The mapping replaces the default weights: a scenario left out is never picked,
            // as `ChaosSettings.weights` documents.
            let weights = try ConfigMapping(value, allowedKeys: ScenarioAlias.allCases.map(\.rawValue), map: map)
            chaos.weights = [:]
            for alias in ScenarioAlias.allCases {
                try weights.read(alias.rawValue) { chaos.weights[alias] = try $0.number() }
            }
        }
        try section.read("max_concurrent") { value in
            let expectation = "a number of instances (like 2) or a share of the fleet between 0 and 1 (like 0.3)"
            guard let text = value.scalarText else { throw value.mismatch(expectation) }
            // A whole number is a count and anything with a point a share, so `1` is one
            // instance while `1.0` is the whole fleet.
            if ConfigNode.isWholeNumber(text), let count = Int(text) {
                chaos.maxConcurrent = .count(count)
            } else if let share = ConfigNode.finiteNumber(text) {
                chaos.maxConcurrent = .fraction(share)
            } else {
                throw value.mismatch(expectation)
            }
        }
        try section.read("exclude") { value in
            chaos.exclude = try value.list().enumerated().map { index, item in
                guard let id = item.scalarText else { throw item.mismatch("an instance id like \"svc-02\"") }
                // Validation checks each id against the fleet and needs the item's own line.
                map.record("chaos.exclude[\(index)]", line: item.line, text: id)
                return id
            }
        }
        try section.read("warmup") { chaos.warmup = try $0.duration() }
        try section.read("expose_truth") { chaos.exposeTruth = try $0.bool() }
    }
}
