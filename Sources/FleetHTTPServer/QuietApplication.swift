import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A Hummingbird application that, once started, does no work until a request arrives.
///
/// It serves one responder exactly as Hummingbird's `Application` does (HTTP/1.1, a 500 for an
/// error the responder lets through, a `Date` header on every response), with two differences:
/// - no 1 Hz date task: ``HTTPDateHeader`` formats the date when a response needs it;
/// - it may listen on several addresses at once (the fleet's loopback host and a classroom's
///   address), all served by the same responder.
///
/// The rest of Hummingbird (router, middleware, request contexts, `HummingbirdTesting`) works
/// unchanged, because this is an `ApplicationProtocol` whose `run()` replaces the default one.
public struct QuietApplication<Responder: HTTPResponder>: ApplicationProtocol
where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    /// The responder every request goes to.
    public let responder: Responder
    /// The first address, used by `HummingbirdTesting` and for the server name.
    public let configuration: ApplicationConfiguration
    /// Every address served, the first one included.
    public let addresses: [BindAddress]
    /// The logger of the server and of each request.
    public let logger: Logger
    /// The event loops that accept and serve connections.
    public let eventLoopGroup: any EventLoopGroup

    private let dateHeader = HTTPDateHeader()
    private let serverRunning: @Sendable (any Channel) async -> Void

    /// An application serving `router` on each of `addresses` (at least one).
    ///
    /// - Parameter onServerRunning: called once per address, with its listening channel.
    public init<Builder: HTTPResponderBuilder>(
        router: Builder, addresses: [BindAddress], logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) where Builder.Responder == Responder {
        precondition(!addresses.isEmpty, "an application needs an address to listen on")
        self.responder = router.buildResponder()
        self.addresses = addresses
        self.configuration = ApplicationConfiguration(address: addresses[0])
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.serverRunning = onServerRunning
    }

    /// Reports a bound address to the `onServerRunning` given at initialisation.
    public func onServerRunning(_ channel: any Channel) async {
        await serverRunning(channel)
    }

    /// Serves every address until graceful shutdown; an address that cannot be bound ends the run
    /// with its error.
    public func run() async throws {
        let servers = try addresses.map { address in
            try HTTPServerBuilder.http1().buildServer(
                configuration: ServerConfiguration(address: address),
                eventLoopGroup: eventLoopGroup,
                logger: logger,
                responder: respond(to:writer:channel:),
                onServerRunning: { await self.onServerRunning($0) })
        }
        // A nested group, as in Hummingbird's own `run()`: the caller's graceful shutdown reaches
        // every server, and one server failing stops the others.
        try await ServiceGroup(configuration: .init(services: servers, logger: logger)).run()
    }

    @Sendable
    private func respond(to request: Request, writer: consuming ResponseWriter, channel: any Channel) async throws {
        let context = Responder.Context(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as HTTPParserError {
            throw error
        } catch {
            logger.debug("Unrecognised Error", metadata: ["error.type": "\(error)"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = dateHeader.value()
        do {
            try await writer.write(response: response.head, body: response.body)
        } catch is HTTPParserError {
            // Rethrowing the parser error would make the channel answer it with a second
            // response; any other error closes the connection, which is what is wanted.
            throw ResponseWriteFailed()
        }
    }
}

/// The request was malformed in a way found only while its response was being written: the
/// connection is closed without a second response.
struct ResponseWriteFailed: Error {}
