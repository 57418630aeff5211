import ServiceLifecycle

/// Stops the running scenario when the instance shuts down, so its memory is returned and its
/// files are deleted before the process exits.
///
/// It does nothing until graceful shutdown begins; placed last in the service group, it is the
/// first service told to stop, before the HTTP server closes.
public struct ScenarioShutdownService: Service {
    let runtime: InstanceRuntime

    public init(runtime: InstanceRuntime) {
        self.runtime = runtime
    }

    public func run() async throws {
        // Sleeps until shutdown is requested (or the group is cancelled).
        try? await gracefulShutdown()
        await runtime.controller.stopAll(origin: .shutdown)
        runtime.keptConnection.close()
        runtime.removeScenarioLeftovers()
    }
}
