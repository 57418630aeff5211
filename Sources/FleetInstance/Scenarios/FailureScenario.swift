/// One running failure scenario.
///
/// `run()` produces the failure until its task is cancelled, then releases everything it holds
/// (memory back to the OS, files deleted, connections closed) before returning. Cancellation is
/// the only way to stop a scenario, so every wait inside must be cancellable and short enough for
/// a stop to finish well under a second.
public protocol FailureScenario: Sendable {
    func run() async
}
