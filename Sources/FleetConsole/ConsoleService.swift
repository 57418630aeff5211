import FleetHTTPServer
import FleetModel
import Hummingbird
import Logging
import ServiceLifecycle

/// The console as a Service of `fleet up`: one HTTP server on every address (`fleet.host`, and
/// `classroom.listen` when set) over one set of routes and sessions, and the event feed.
public struct ConsoleService: Service {
    let routes: ConsoleRoutes
    let hub: ConsoleEventHub
    let hosts: [String]
    let port: Int
    let eventsEndpoint: ControlEndpointAddress
    let curve: CurveClientKeys?
    let logger: Logger

    /// - Parameters:
    ///   - hosts: the addresses to serve on, each on `port`.
    ///   - signIn: the class's tokens.
    public init(
        options: ConsoleOptions, hosts: [String], signIn: any ConsoleSignIn, logger: Logger
    ) {
        let hub = ConsoleEventHub()
        self.hub = hub
        self.hosts = hosts
        port = options.config.console.port
        eventsEndpoint = options.config.eventsEndpoint
        curve = options.curve
        self.logger = logger
        routes = ConsoleRoutes(
            options: options, fleet: ControlClientFleet(endpoint: options.config.commandEndpoint, curve: options.curve), signIn: signIn, hub: hub,
            logger: logger)
    }

    public func run() async throws {
        let feed = try EventFeed(endpoint: eventsEndpoint, curve: curve, hub: hub, logger: logger)
        defer { feed.stop() }
        // One server on every address, and no 1 Hz date task: the console waits for its users.
        let application = QuietApplication(
            router: routes.router(), addresses: hosts.map { .hostname($0, port: port) }, logger: logger)
        // Open event feeds never end by themselves: end them when the fleet stops, so the
        // servers' graceful shutdown does not wait for browsers.
        try await withGracefulShutdownHandler {
            try await application.run()
        } onGracefulShutdown: { [hub] in
            hub.finish()
        }
    }
}
