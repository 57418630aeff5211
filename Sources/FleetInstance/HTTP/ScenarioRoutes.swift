import FleetModel
import Hummingbird

/// `/scenario/...`: health, scenario state and control, and the rate-limited `do_something`.
///
/// `health` and `do_something` are answered from the `{alias}` route: FastAPI falls through to
/// `POST /scenario/{alias}` for `POST /scenario/health` (400 "Unknown scenario 'health'"),
/// while a separate fixed route in Hummingbird's trie would shadow the capture and answer 404.
/// Their metrics still carry their own `http_target`.
struct ScenarioRoutes<Context: RequestContext> {
    let runtime: InstanceRuntime

    func register(on router: Router<Context>) {
        router.get("/scenario/{alias}") { request, context in
            let alias = context.parameters.get("alias").map(PathParameter.decode) ?? ""
            switch alias {
            case "health":
                context.coreContext.endpointPath.value = "/scenario/health"
                return health()
            case "do_something":
                context.coreContext.endpointPath.value = "/scenario/do_something"
                return try await doSomething()
            default:
                let scenario = try Self.scenario(named: alias)
                let running = runtime.controller.current == scenario
                return Self.state(scenario, running: running)
            }
        }
        router.post("/scenario/{alias}") { request, context in
            // Who may change scenarios comes before what they asked for: a refused caller
            // learns nothing about the request's validity.
            try authorize(request, context: context)
            // FastAPI validates the query before the path's meaning: `POST /scenario/nope?action=bogus` is a 422.
            let action = try ScenarioAction(query: request.uri.queryParameters.getAll("action").last.map { String($0) })
            let alias = context.parameters.get("alias").map(PathParameter.decode) ?? ""
            let scenario = try Self.scenario(named: alias)
            switch action {
            case .start:
                switch runtime.controller.start(scenario, origin: .http) {
                case .started: return Self.state(scenario, running: true)
                case .alreadyRunning: return JSONResponse.notModified
                case .conflict(let running):
                    throw APIError.detail(.conflict, "Scenario '\(running.rawValue)' is in progress")
                }
            case .stop:
                switch await runtime.controller.stop(scenario, origin: .http) {
                case .stopped: return Self.state(scenario, running: false)
                case .notRunning: return JSONResponse.notModified
                }
            }
        }
    }

    /// Throws the 401/403/429 of ``ScenarioAccessGuard`` unless the caller may change scenarios.
    private func authorize(_ request: Request, context: Context) throws {
        let source = (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress ?? "unknown"
        switch runtime.scenarioAccess.check(authorization: request.headers[.authorization], source: source) {
        case .allowed:
            return
        case .refused(let decision):
            let status = HTTPResponse.Status(code: decision.httpStatus)
            // FastAPI's HTTPBearer answers a missing token with this challenge.
            let headers: HTTPFields = decision == .notAuthenticated ? [.wwwAuthenticate: "Bearer"] : [:]
            throw APIError(status: status, detail: .string(decision.detail ?? ""), headers: headers)
        case .throttled(let retryAfter):
            let seconds = max(1, Int((Double(retryAfter.components.seconds) + 0.999).rounded(.down)))
            throw APIError(
                status: .tooManyRequests, detail: .string("Too many failed attempts; try again in \(seconds) s"),
                headers: [.retryAfter: String(seconds)])
        }
    }

    private func health() -> Response {
        let running = runtime.controller.current
        let states = ScenarioAlias.allCases.map { ($0.rawValue, JSONValue.string($0 == running ? "running" : "stopped")) }
        return JSONResponse.make(body: .object([("status", .string("ok")), ("scenarios", .object(states))]))
    }

    /// The original's limited endpoint: refused calls answer 429 at once, allowed calls sleep.
    private func doSomething() async throws -> Response {
        try await runtime.faults.apply()
        guard runtime.limiter.acquire() else {
            throw APIError.detail(.tooManyRequests, "Too Many Requests")
        }
        let settings = runtime.config.scenarios.scenario3
        let low = settings.minDelay.wholeMilliseconds, high = max(low, settings.maxDelay.wholeMilliseconds)
        try await Task.sleep(for: .milliseconds(Int64.random(in: low...high)))
        return JSONResponse.ok
    }

    private static func scenario(named alias: String) throws -> ScenarioAlias {
        guard let scenario = ScenarioAlias(rawValue: alias) else {
            throw APIError.detail(.badRequest, "Unknown scenario '\(alias)'")
        }
        return scenario
    }

    private static func state(_ scenario: ScenarioAlias, running: Bool) -> Response {
        JSONResponse.make(body: .object([
            ("scenario", .string(scenario.rawValue)), ("status", .string(running ? "running" : "stopped")),
        ]))
    }
}

/// The `action` query parameter of `POST /scenario/{alias}`.
enum ScenarioAction: String {
    case start, stop

    /// Validates like FastAPI: missing → `missing`, anything else than the exact literals → `enum`.
    init(query: String?) throws {
        guard let query else {
            throw APIError.validation([.missing([.string("query"), .string("action")])])
        }
        guard let action = ScenarioAction(rawValue: query) else {
            throw APIError.validation([
                .invalidEnum([.string("query"), .string("action")], input: .string(query), allowed: ["start", "stop"]),
            ])
        }
        self = action
    }
}
