import FleetChaos
import FleetClient
import FleetModel
import Foundation
import Hummingbird
import Logging
import Synchronization

/// The console's routes: the page, sign-in, and the JSON API of both views.
///
/// Access is decided per request by ``authorize(_:_:requiring:)``: no session → 401, a POST
/// without the session's CSRF token → 403, the wrong role → 403. Every answer that is not the
/// page or its script is JSON; refusals are ``ConsoleError``s.
public final class ConsoleRoutes: Sendable {
    let options: ConsoleOptions
    let fleet: any ConsoleFleet
    let signIn: any ConsoleSignIn
    let sessions = ConsoleSessions()
    let hub: ConsoleEventHub
    let round: Mutex<ChaosRound>
    /// Failed sign-ins per address: 10 in a minute shut that address out for the rest of it.
    let throttle = Mutex(AuthenticationThrottle())
    let statusCache = StatusCache()
    /// The grid's sparklines, when the fleet runs a Prometheus.
    let sparklines: PrometheusSparklines?
    /// Every round's answers on disk, as answer sheets.
    let archive: AnswerArchive
    let logger: Logger

    /// The cookie holding the session id.
    static let cookieName = "fleet_console"
    /// The header a POST echoes the session's CSRF token in.
    static let csrfHeader = HeaderName("X-CSRF-Token")!

    /// Routes over `fleet` (the control protocol), signing in with `signIn`, serving events from `hub`.
    public init(
        options: ConsoleOptions, fleet: any ConsoleFleet, signIn: any ConsoleSignIn, hub: ConsoleEventHub,
        logger: Logger = Logger(label: "fleet.console")
    ) {
        self.options = options
        self.logger = logger
        archive = AnswerArchive(directory: options.config.consoleAnswersDirectory)
        self.fleet = fleet
        self.signIn = signIn
        self.hub = hub
        round = Mutex(ChaosRound(limits: options.answerLimits))
        sparklines = options.prometheusPort.map { PrometheusSparklines(host: options.prometheusHost, port: $0) }
        hub.observe { [weak self] event in self?.observe(event) }
    }

    /// Who may call a route.
    enum Audience {
        case anyone, instructor, student
    }

    /// The router with every route of the console.
    public func router() -> Router<ConsoleRequestContext> {
        let router = Router(context: ConsoleRequestContext.self)
        addPageRoutes(to: router)
        addFleetRoutes(to: router)
        addChaosRoutes(to: router)
        addStudentRoutes(to: router)
        return router
    }

    // MARK: Access

    /// The session of `request`, checked: signed in, the CSRF token on state changes, the role.
    func authorize(_ request: Request, _ context: ConsoleRequestContext, requiring audience: Audience) throws -> ConsoleSession {
        guard let id = request.cookies[Self.cookieName]?.value, let session = sessions.session(id: id) else {
            throw ConsoleError.notSignedIn
        }
        if request.method != .get && request.method != .head {
            guard let token = request.headers[Self.csrfHeader], ConstantTimeComparison.equal(token, session.csrfToken) else {
                throw ConsoleError.badCSRF
            }
        }
        switch (audience, session.role) {
        case (.anyone, _), (.instructor, .instructor), (.student, .student): return session
        case (.instructor, .student): throw ConsoleError.instructorOnly
        case (.student, .instructor): throw ConsoleError.studentOnly
        }
    }

    // MARK: Fleet calls

    /// Sends `command` to the fleet; a refusal becomes 409 with the supervisor's message, no
    /// answer 502.
    func send(_ command: ControlCommand) async throws -> ControlReply.Body {
        do {
            return try await fleet.send(command)
        } catch let error as FleetClientError {
            switch error {
            case .refused(let body): throw ConsoleError(.conflict, body.message)
            case .notRunning, .unexpectedReply: throw ConsoleError(.badGateway, "The fleet is not answering: \(error)")
            }
        } catch let error as ConsoleError {
            throw error
        } catch {
            throw ConsoleError(.badGateway, "The fleet is not answering")
        }
    }

    /// Decodes the JSON body as `type`; a bad body is 400 with what is wrong, never a 500.
    func decode<Body: Decodable>(_ type: Body.Type, from request: Request, maxBytes: Int = 4_096) async throws -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw ConsoleError(.contentTooLarge, "The request body is larger than \(maxBytes) bytes")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ConsoleError(.badRequest, "Expected a JSON body like the console sends (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "bad \"\(path)\""
        default: return "not JSON"
        }
    }
}
