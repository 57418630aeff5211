/// scenario4 (latency) and scenario5 (errors): the fault is in force from start to stop, on the
/// affected endpoints' requests only; stopping takes it away at once.
public struct RequestFaultScenario: FailureScenario {
    public let fault: RequestFault
    public let faults: RequestFaults

    public init(fault: RequestFault, faults: RequestFaults) {
        self.fault = fault
        self.faults = faults
    }

    public func run() async {
        faults.install(fault)
        defer { faults.clear() }
        await Task.sleepUntilCancelled()
    }
}
