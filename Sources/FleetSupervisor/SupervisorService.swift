import FleetModel
import Foundation
import ServiceLifecycle

/// `fleet up` as a service: start the fleet, report it ready, supervise until shutdown.
public struct SupervisorService: Service {
    let supervisor: FleetSupervisor
    let readyTimeout: Duration
    /// Called once every instance answered health (or the timeout passed), with the fleet's state.
    let onReady: @Sendable ([InstanceStatus], _ unhealthy: [String]) -> Void

    public init(
        supervisor: FleetSupervisor, readyTimeout: Duration,
        onReady: @escaping @Sendable ([InstanceStatus], _ unhealthy: [String]) -> Void
    ) {
        self.supervisor = supervisor
        self.readyTimeout = readyTimeout
        self.onReady = onReady
    }

    public func run() async throws {
        let supervisor = self.supervisor
        try await withGracefulShutdownHandler {
            try await supervisor.start()
            let unhealthy = await supervisor.waitUntilHealthy(timeout: readyTimeout)
            onReady(await supervisor.statuses(), unhealthy)
            await supervisor.run()
        } onGracefulShutdown: {
            Task { await supervisor.requestShutdown() }
        }
    }
}
