/// The value checks of ``FleetConfig/validate(source:)``, one method per section.
///
/// Each failure is a ``ConfigError`` of the form `expected …, found …` located at the key the
/// user wrote; when a rule involves two keys, the error names the one the file set (see
/// ``ConfigSourceMap/blame(_:)``) because that is the one to change.
struct ConfigValidator {
    let config: FleetConfig
    let map: ConfigSourceMap
    /// The soft open-file limit the instances will inherit; scenario8's `max_open` must fit in 80 % of it.
    var openFileLimit = MachineResources.openFileLimit()

    // MARK: - Sections

    func validateFleet() throws {
        let fleet = config.fleet
        try expect(
            !fleet.name.trimmingWhitespace().isEmpty, "fleet.name", "a name that is not blank",
            found: fleet.name.quotedForMessage)
        try expect(
            (1...500).contains(fleet.instances), "fleet.instances", "a number of instances from 1 to 500",
            found: "\(fleet.instances)")
        try expect(
            LoopbackHost.isLoopback(fleet.host), "fleet.host",
            "a loopback address (127.x.x.x, ::1 or localhost)", found: fleet.host.quotedForMessage,
            why: "fleetsim runs a deliberately failing service and only serves on this machine")
        try expectPort(fleet.basePort, "fleet.base_port")
        let lastPort = fleet.basePort + fleet.instances - 1
        if lastPort > 65535 {
            let key = map.blame("fleet.base_port", "fleet.instances")
            throw map.error(key,
                "expected the instance ports base_port … base_port + instances - 1 to end at 65535 or below, "
                + "found \(fleet.basePort)…\(lastPort) for \(fleet.instances) instances")
        }
        try expect(!fleet.dataDir.isEmpty, "fleet.data_dir", "a directory path", found: fleet.dataDir.quotedForMessage)
    }

    func validateNode() throws {
        try expectPositive(config.node.memory, "node.memory")
        try expectPositive(config.node.disk, "node.disk")
        try expect(
            (1...1024).contains(config.node.cpus), "node.cpus", "a number of simulated CPUs from 1 to 1024",
            found: "\(config.node.cpus)")
        // `metrics:` has a single rule; it lives here rather than in a method of its own.
        let group = config.metrics.processGroup
        try expect(
            !group.isEmpty, "metrics.process_group", "a Prometheus label value that is not empty",
            found: group.quotedForMessage)
    }

    func validateScenarios() throws {
        let leak = config.scenarios.scenario1
        try expectPositive(leak.chunkSize, "scenarios.scenario1.chunk_size")
        try expectPositive(leak.interval, "scenarios.scenario1.interval")
        try expect(
            leak.maxChunks >= 1, "scenarios.scenario1.max_chunks", "a whole number of at least 1",
            found: "\(leak.maxChunks)")
        // `MemoryLeakSettings.cap` multiplies without overflow checks; refuse here what would trap there.
        if leak.chunkSize.bytes.multipliedReportingOverflow(by: Int64(leak.maxChunks)).overflow {
            let key = map.blame("scenarios.scenario1.max_chunks", "scenarios.scenario1.chunk_size")
            throw map.error(key,
                "expected chunk_size × max_chunks to fit in 64 bits, found \(leak.chunkSize.bytes) bytes × \(leak.maxChunks)")
        }

        let fill = config.scenarios.scenario2
        try expectPositive(fill.chunkSize, "scenarios.scenario2.chunk_size")
        try expectPositive(fill.interval, "scenarios.scenario2.interval")
        try expect(
            fill.freeSpaceReserve.bytes >= 0, "scenarios.scenario2.free_space_reserve", "a size of at least 0",
            found: "\(fill.freeSpaceReserve.bytes) bytes")

        let limit = config.scenarios.scenario3
        try expect(
            limit.clientRate.isFinite && limit.clientRate >= 0, "scenarios.scenario3.client_rate",
            "a rate of at least 0 requests per second (0 sends without pause)", found: "\(limit.clientRate)")
        try expect(limit.limit >= 1, "scenarios.scenario3.limit", "a whole number of at least 1", found: "\(limit.limit)")
        try expectPositive(limit.window, "scenarios.scenario3.window")
        try expectNonNegative(limit.minDelay, "scenarios.scenario3.min_delay")
        try expectNonNegative(limit.maxDelay, "scenarios.scenario3.max_delay")
        try expectOrdered(
            limit.minDelay, "scenarios.scenario3.min_delay", limit.maxDelay, "scenarios.scenario3.max_delay")
    }

    func validateSupervisor() throws {
        let supervisor = config.supervisor
        try expect(
            (0...65535).contains(supervisor.metricsPort), "supervisor.metrics_port",
            "a port from 1 to 65535, or 0 to turn the supervisor's metrics off", found: "\(supervisor.metricsPort)")
        try expectPositive(supervisor.heartbeatInterval, "supervisor.heartbeat_interval")
        try expect(
            supervisor.heartbeatMisses >= 1, "supervisor.heartbeat_misses", "a whole number of at least 1",
            found: "\(supervisor.heartbeatMisses)")
        try expect(
            supervisor.maxRestarts >= 0, "supervisor.max_restarts", "a whole number of at least 0",
            found: "\(supervisor.maxRestarts)")
        try expectPositive(supervisor.restartBackoff, "supervisor.restart_backoff")
        try expectPositive(supervisor.restartBackoffMax, "supervisor.restart_backoff_max")
        try expectOrdered(
            supervisor.restartBackoff, "supervisor.restart_backoff",
            supervisor.restartBackoffMax, "supervisor.restart_backoff_max")
        try expectPositive(supervisor.readyTimeout, "supervisor.ready_timeout")

        var seen: [(key: String, endpoint: String)] = []
        for (key, endpoint) in controlEndpoints {
            if case .failure(let invalid) = ControlEndpointAddress.parse(endpoint, allowingRemote: supervisor.control.curve) {
                throw map.error(key, invalid.message)
            }
            if let earlier = seen.first(where: { $0.endpoint == endpoint }) {
                throw map.error(key,
                    "expected an endpoint of its own, found \(endpoint.quotedForMessage), which \(earlier.key) already uses")
            }
            seen.append((key, endpoint))
        }

        // Unset endpoints become ipc sockets inside data_dir (see `FleetConfig.commandEndpoint`),
        // and the CLI makes data_dir absolute: a deep working directory can push those paths past
        // the Unix socket limit, which ZeroMQ would only report at bind time, far from the cause.
        let defaults = [
            (supervisor.control.command, config.commandEndpoint, "supervisor.control.command"),
            (supervisor.control.events, config.eventsEndpoint, "supervisor.control.events"),
            (supervisor.control.instances, config.instancesEndpoint, "supervisor.control.instances"),
        ]
        for (configured, resolved, key) in defaults where configured == nil {
            guard let path = resolved.socketPath, path.utf8.count > ControlEndpointAddress.maximumSocketPathBytes else { continue }
            throw map.error("fleet.data_dir",
                "expected a data_dir short enough for its control sockets, found \(config.fleet.dataDir.quotedForMessage), "
                + "which makes the socket path \(path.quotedForMessage) \(path.utf8.count) bytes long "
                + "(at most \(ControlEndpointAddress.maximumSocketPathBytes)); choose a shorter data_dir or set \(key)")
        }
    }

    func validateConsole() throws {
        try expect(
            (0...65535).contains(config.console.port), "console.port",
            "a port from 1 to 65535, or 0 to turn the console off", found: "\(config.console.port)")
    }

    func validatePrometheus() throws {
        try expectPort(config.prometheus.port, "prometheus.port")
        try expectPositive(config.prometheus.scrapeInterval, "prometheus.scrape_interval")
        try expectPositive(config.prometheus.evaluationInterval, "prometheus.evaluation_interval")
        let retention = config.prometheus.retention
        let (shortest, longest) = (PrometheusStoragePolicy.minimumRetention, PrometheusStoragePolicy.maximumRetention)
        try expect(
            retention >= shortest && retention <= longest, "prometheus.retention",
            "a retention from \(DurationSyntax.format(shortest)) to \(DurationSyntax.format(longest))",
            found: DurationSyntax.format(retention))
        let smallest = PrometheusStoragePolicy.minimumRetentionSize
        try expect(
            config.prometheus.retentionSize.bytes >= smallest.bytes, "prometheus.retention_size",
            "a size of at least \(smallest)", found: "\(config.prometheus.retentionSize)",
            why: "Prometheus' write-ahead log alone takes tens of MB")
    }

    /// No two servers of the fleet may share a port: instances, the supervisor's metrics,
    /// Prometheus (unless disabled) and `tcp://` control endpoints. Ports are compared without
    /// hosts, since all of them are loopback and usually the same address.
    func validatePorts() throws {
        let fleet = config.fleet
        let instancePorts = fleet.basePort...(fleet.basePort + fleet.instances - 1)
        let instanceKeys = ["fleet.base_port", "fleet.instances"]
        // Each holder: the keys that set it, its ports, and how a message names it.
        var taken: [(keys: [String], ports: ClosedRange<Int>, holder: String)] = [
            (
                instanceKeys, instancePorts,
                "is among the instance ports \(instancePorts.lowerBound)…\(instancePorts.upperBound)"
            ),
        ]
        var claims: [(key: String, port: Int)] = []
        if config.supervisor.metricsPort != 0 { claims.append(("supervisor.metrics_port", config.supervisor.metricsPort)) }
        if config.prometheus.enabled != .disabled { claims.append(("prometheus.port", config.prometheus.port)) }
        if config.traffic.enabled { claims.append(("traffic.metrics_port", config.traffic.metricsPort)) }
        if config.console.enabled { claims.append(("console.port", config.console.port)) }
        for (key, endpoint) in controlEndpoints {
            if case .success(.tcp(_, let port)) = ControlEndpointAddress.parse(endpoint, allowingRemote: config.supervisor.control.curve) {
                claims.append((key, port))
            }
        }
        for claim in claims {
            if let holder = taken.first(where: { $0.ports.contains(claim.port) }) {
                let key = map.blame(claim.key, holder.keys[0], holder.keys.count > 1 ? holder.keys[1] : claim.key)
                let what = key == claim.key ? "port \(claim.port)" : "\(claim.key) on port \(claim.port)"
                throw map.error(key,
                    "expected every server of the fleet on a port of its own, found \(what), which \(holder.holder)")
            }
            taken.append(([claim.key], claim.port...claim.port, "\(claim.key) already uses"))
        }
    }

    func validateChaos() throws {
        let chaos = config.chaos
        try expectPositive(chaos.duration, "chaos.duration")
        try expectPositive(chaos.meanGap, "chaos.mean_gap")
        try expectPositive(chaos.holdMin, "chaos.hold_min")
        try expectPositive(chaos.holdMax, "chaos.hold_max")
        try expectOrdered(chaos.holdMin, "chaos.hold_min", chaos.holdMax, "chaos.hold_max")

        for alias in ScenarioAlias.allCases {
            guard let weight = chaos.weights[alias] else { continue }
            try expect(
                weight.isFinite && weight >= 0, "chaos.weights.\(alias.rawValue)", "a weight of at least 0",
                found: "\(weight)")
        }
        if !chaos.weights.values.contains(where: { $0 > 0 }) {
            throw map.error("chaos.weights",
                "expected at least one scenario with a weight above 0, found none, so chaos could never pick a scenario")
        }

        switch chaos.maxConcurrent {
        case .count(let count):
            try expect(
                count >= 1, "chaos.max_concurrent", "a number of instances of at least 1 or a share in (0, 1]",
                found: "\(count)")
        case .fraction(let share):
            try expect(
                share.isFinite && share > 0 && share <= 1, "chaos.max_concurrent",
                "a share of the fleet above 0 and at most 1 (or a whole number of instances)", found: "\(share)")
        }

        let ids = Set(config.instanceIDs)
        for (index, id) in chaos.exclude.enumerated() {
            let place = "chaos.exclude[\(index)]"
            guard ids.contains(id) else {
                let range = "\(config.instanceIDs.first ?? "")…\(config.instanceIDs.last ?? "")"
                throw map.error("chaos.exclude", at: place,
                    "expected ids of this fleet's instances (\(range)), found \(id.quotedForMessage)")
            }
            if chaos.exclude[..<index].contains(id) {
                throw map.error("chaos.exclude", at: place, "expected each id once, found \(id.quotedForMessage) again")
            }
        }

        try expectNonNegative(chaos.warmup, "chaos.warmup")
        if chaos.warmup >= chaos.duration {
            let key = map.blame("chaos.warmup", "chaos.duration")
            throw map.error(key,
                "expected warmup shorter than duration, found warmup \(DurationSyntax.format(chaos.warmup)) "
                + "and duration \(DurationSyntax.format(chaos.duration)), which leaves no time for chaos")
        }
        if let problem = chaos.planSizeProblem(duration: chaos.duration) {
            throw map.error(map.blame("chaos.duration", "chaos.mean_gap"), problem)
        }
    }

    // MARK: - Rules

    /// The three control endpoints that are set, with their keys.
    private var controlEndpoints: [(key: String, endpoint: String)] {
        let control = config.supervisor.control
        return [
            ("supervisor.control.command", control.command),
            ("supervisor.control.events", control.events),
            ("supervisor.control.instances", control.instances),
        ].compactMap { key, endpoint in endpoint.map { (key, $0) } }
    }

    /// Throws `expected <expectation>, found <as written, or found>` at `key` unless `condition`.
    func expect(
        _ condition: Bool, _ key: String, _ expectation: String, found: @autoclosure () -> String, why: String? = nil
    ) throws {
        guard !condition else { return }
        var message = "expected \(expectation), found \(map.found(key, else: found()))"
        if let why { message += "; \(why)" }
        throw map.error(key, message)
    }

    func expectPort(_ port: Int, _ key: String) throws {
        try expect((1...65535).contains(port), key, "a port from 1 to 65535", found: "\(port)")
    }

    func expectPositive(_ size: ByteSize, _ key: String) throws {
        try expect(size.bytes > 0, key, "a size greater than 0", found: "\(size.bytes) bytes")
    }

    func expectPositive(_ duration: Duration, _ key: String) throws {
        try expect(duration > .zero, key, "a duration greater than 0", found: DurationSyntax.format(duration))
    }

    func expectNonNegative(_ duration: Duration, _ key: String) throws {
        try expect(duration >= .zero, key, "a duration of at least 0", found: DurationSyntax.format(duration))
    }

    /// `low ≤ high`, blaming whichever of the two the file set (the upper one if both).
    func expectOrdered(_ low: Duration, _ lowKey: String, _ high: Duration, _ highKey: String) throws {
        guard low > high else { return }
        let lowName = lowKey.split(separator: ".").last.map(String.init) ?? lowKey
        let highName = highKey.split(separator: ".").last.map(String.init) ?? highKey
        if map.blame(highKey, lowKey) == highKey {
            let found = map.found(highKey, else: DurationSyntax.format(high))
            throw map.error(highKey, "expected at least \(lowName) (\(DurationSyntax.format(low))), found \(found)")
        } else {
            let found = map.found(lowKey, else: DurationSyntax.format(low))
            throw map.error(lowKey, "expected at most \(highName) (\(DurationSyntax.format(high))), found \(found)")
        }
    }
}
