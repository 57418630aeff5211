import FleetModel
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs one instance in the foreground: the HTTP server, and the services that must stop with it.
public struct InstanceServer: Sendable {
    public let runtime: InstanceRuntime

    public init(runtime: InstanceRuntime) {
        self.runtime = runtime
    }

    /// The Hummingbird application serving the instance's API on its loopback port.
    public func makeApplication(logger: Logger) -> some ApplicationProtocol {
        makeApplications(logger: logger)[0]
    }

    /// One application per address the instance serves: `fleet.host`, and `classroom.listen`
    /// when set. They share one responder (and so one set of routes, metrics and guard).
    func makeApplications(logger: Logger) -> [Application<RouterResponder<InstanceRequestContext>>] {
        let responder = InstanceRouter.build(runtime: runtime, context: InstanceRequestContext.self).buildResponder()
        return runtime.identity.listenHosts.map { host in
            Application(
                responder: responder, configuration: .init(address: .hostname(host, port: runtime.identity.port)),
                logger: logger)
        }
    }

    /// Prepares the data folder (removing what a crashed run left, resuming a crash loop it was
    /// in), then runs until SIGTERM or SIGINT; on the way out the scenario is stopped and its
    /// files deleted.
    ///
    /// - Parameter services: more services to run alongside, e.g. the link to the supervisor.
    public func run(logger: Logger, services: [any Service] = []) async throws {
        try FileManager.default.createDirectory(atPath: runtime.identity.dataDirectory, withIntermediateDirectories: true)
        runtime.removeScenarioLeftovers()
        runtime.resumeCrashLoopIfMarked()
        // A companion service ending (e.g. the supervisor link losing its supervisor) shuts the
        // instance down gracefully, so the scenario is still stopped and its files deleted.
        let companions = services.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        var configuration = ServiceGroupConfiguration(
            services: makeApplications(logger: logger).map { .init(service: $0) }
                + companions
                + [.init(service: ScenarioShutdownService(runtime: runtime))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // The supervisor waits a few seconds for an instance to exit; never hang past that.
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        let group = ServiceGroup(configuration: configuration)
        try await group.run()
    }
}
