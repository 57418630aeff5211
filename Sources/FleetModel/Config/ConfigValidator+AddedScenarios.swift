extension ConfigValidator {
    /// scenario4 … scenario8: each key's range, with its line.
    func validateAddedScenarios() throws {
        let latency = config.scenarios.scenario4
        try expectNonNegative(latency.delay, "scenarios.scenario4.delay")
        try expectNonNegative(latency.jitter, "scenarios.scenario4.jitter")

        let errors = config.scenarios.scenario5
        try expect(
            errors.errorRate.isFinite && (0...1).contains(errors.errorRate), "scenarios.scenario5.error_rate",
            "a share of requests from 0 to 1 (0.3 = 30 %)", found: "\(errors.errorRate)")

        let cpu = config.scenarios.scenario6
        try expect(
            cpu.cores.isFinite && cpu.cores > 0 && cpu.cores <= CPUBurnSettings.maximumCores, "scenarios.scenario6.cores",
            "a share of one core above 0 and at most 1 (0.5 = half a core)", found: "\(cpu.cores)")

        let crash = config.scenarios.scenario7
        try expectPositive(crash.interval, "scenarios.scenario7.interval")
        try expect(
            crash.interval >= CrashLoopSettings.minimumInterval, "scenarios.scenario7.interval",
            "an interval of at least 1s", found: DurationSyntax.format(crash.interval),
            why: "an instance needs about a second to start, so a shorter loop would only keep the supervisor spawning")

        let leak = config.scenarios.scenario8
        try expect(leak.perStep >= 1, "scenarios.scenario8.per_step", "a whole number of at least 1", found: "\(leak.perStep)")
        try expectPositive(leak.interval, "scenarios.scenario8.interval")
        try expect(leak.maxOpen >= 1, "scenarios.scenario8.max_open", "a whole number of at least 1", found: "\(leak.maxOpen)")
        let ceiling = FileDescriptorLeakSettings.limitOf(openFileLimit: openFileLimit)
        try expect(
            leak.maxOpen <= ceiling, "scenarios.scenario8.max_open",
            "at most \(ceiling) descriptors (80 % of this process's open-file limit of \(openFileLimit))",
            found: "\(leak.maxOpen)",
            why: "raise the limit with `ulimit -n` before `fleet up`, or lower max_open")
    }
}
