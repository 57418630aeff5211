import Hummingbird
import Logging

/// Turns everything a handler throws into FastAPI-shaped JSON, so no request ends in a 500 page.
///
/// - `APIError` answers as itself.
/// - The router's "no route" becomes 405 with `allow` when the path matches a route declared for
///   another method (Starlette's behaviour), else 404 `{"detail":"Not Found"}`.
/// - Other `HTTPResponseError`s keep their status with a JSON `detail`.
/// - Anything else is logged and answered 500 `{"detail":"Internal Server Error"}`: a bug, but
///   still JSON and never a crash.
public struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            if let route = RouteCatalog.firstRoute(matchingPath: request.uri.path), route.method != request.method {
                context.coreContext.endpointPath.value = route.template
                let refusal = APIError(
                    status: .methodNotAllowed, detail: .string("Method Not Allowed"),
                    headers: [.allow: route.method.rawValue])
                return try refusal.response(from: request, context: context)
            }
            // Matched no route: like the original, the request carries no `http_target`
            // (Hummingbird labels it "NotFound").
            context.coreContext.endpointPath.value = nil
            return try APIError.detail(.notFound, "Not Found").response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            let reason = error.status.reasonPhrase.isEmpty ? "Error" : error.status.reasonPhrase
            return try APIError.detail(error.status, reason).response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return try APIError.detail(.internalServerError, "Internal Server Error").response(from: request, context: context)
        }
    }
}
