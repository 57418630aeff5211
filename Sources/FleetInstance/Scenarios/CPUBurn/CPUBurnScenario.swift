import FleetModel

/// scenario6: dedicated threads burn `cores` of CPU (capped, see ``CPUDutyCycle``) until
/// stopped; the threads end within one burn period of the stop.
public struct CPUBurnScenario: FailureScenario {
    public let cycle: CPUDutyCycle
    /// Called with the running burner's kernel thread ids once they all run (tests measure them).
    let onRunning: (@Sendable ([Int32]) -> Void)?

    public init(settings: CPUBurnSettings, machineCores: Int = MachineResources.cpuCores()) {
        self.init(cycle: CPUDutyCycle(requestedCores: settings.cores, machineCores: machineCores))
    }

    init(cycle: CPUDutyCycle, onRunning: (@Sendable ([Int32]) -> Void)? = nil) {
        self.cycle = cycle
        self.onRunning = onRunning
    }

    public func run() async {
        let burner = CPUBurner(cycle: cycle)
        burner.start()
        if let onRunning {
            while burner.kernelThreadIDs.count < cycle.threads, !Task.isCancelled { await Task.yield() }
            onRunning(burner.kernelThreadIDs)
        }
        await Task.sleepUntilCancelled()
        await burner.stop()
    }
}
