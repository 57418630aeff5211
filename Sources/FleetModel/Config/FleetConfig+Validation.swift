extension FleetConfig {
    /// Checks every value and every combination of values, throwing the first problem.
    ///
    /// ``FleetConfigLoader`` calls this for every file it reads, with lines; call it yourself
    /// after changing a configuration in code (for example from command-line flags). Errors
    /// from here carry no line and name `source`.
    ///
    /// What is checked: instance count 1…500; ports 1…65535 (`supervisor.metrics_port` and
    /// `console.port` may be 0)
    /// and the instance port range inside it; no two servers on one port; a loopback `host`;
    /// sizes > 0 (the disk reserve ≥ 0) and a scenario1 cap that fits in 64 bits; durations > 0
    /// (delays and warmup ≥ 0); `min_delay ≤ max_delay`, `hold_min ≤ hold_max`,
    /// `restart_backoff ≤ restart_backoff_max`, `warmup < duration`; counts ≥ 1 where zero makes
    /// no sense; control endpoints that are loopback `tcp://` or `ipc://` and distinct; chaos
    /// weights ≥ 0 and not all zero, `max_concurrent` a count ≥ 1 or a share in (0, 1], and
    /// excluded ids that belong to this fleet; for scenario4–8: delays ≥ 0, `error_rate` in 0…1,
    /// `cores` in (0, 1], a crash-loop interval of at least 1 s, `per_step` and `max_open` ≥ 1,
    /// and `max_open` within 80 % of the open-file limit the instances inherit; `node.cpus` 1…1024.
    ///
    /// - Throws: ``ConfigError``.
    public func validate(source: String = "configuration") throws {
        try validate(map: ConfigSourceMap(source: source))
    }

    /// The same checks, locating errors with what the loader recorded.
    func validate(map: ConfigSourceMap) throws {
        let validator = ConfigValidator(config: self, map: map)
        // Fleet first: later checks (ports, excluded ids) rely on a sane instance count.
        try validator.validateFleet()
        try validator.validateNode()
        try validator.validateScenarios()
        try validator.validateAddedScenarios()
        try validator.validateSupervisor()
        try validator.validatePrometheus()
        try validator.validateConsole()
        try validator.validatePorts()
        try validator.validateChaos()
        try validator.validateTraffic()
        try validator.validateTopology()
        try validator.validateClassroom()
    }
}
