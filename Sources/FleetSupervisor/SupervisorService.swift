import ServiceLifecycle

/// `fleet up` as a service: run the fleet until a graceful shutdown (a signal, or the
/// supervisor's own `shutdown` command) and stop it in order.
public struct SupervisorService: Service {
    let supervisor: FleetSupervisor
    /// Called once every instance answered health (or the ready timeout passed).
    let onReady: @Sendable (ReadyReport) -> Void

    public init(supervisor: FleetSupervisor, onReady: @escaping @Sendable (ReadyReport) -> Void) {
        self.supervisor = supervisor
        self.onReady = onReady
    }

    public func run() async throws {
        let supervisor = self.supervisor
        try await withGracefulShutdownHandler {
            try await supervisor.run(onReady: onReady)
        } onGracefulShutdown: {
            supervisor.requestShutdown()
        }
    }
}
