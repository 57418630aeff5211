import Hummingbird

/// The original service's routes in its declaration order, as route templates.
///
/// Hummingbird's router answers "which handler"; this table answers the two questions FastAPI
/// (Starlette) answers differently: which route a path *partially* matches when the method is
/// wrong (→ 405 with that route's `allow`), and which template labels a request in metrics.
public enum RouteCatalog {
    /// One declared operation.
    public struct Route: Sendable, Equatable {
        public var method: HTTPRequest.Method
        public var template: String
    }

    /// Declaration order matters: Starlette picks the *first* partial match for a 405.
    public static let routes: [Route] = [
        Route(method: .get, template: "/showcase/count/{label}"),
        Route(method: .get, template: "/showcase/duration/{length_ms}"),
        Route(method: .put, template: "/showcase/gauge"),
        Route(method: .get, template: "/scenario/health"),
        Route(method: .get, template: "/scenario/do_something"),
        Route(method: .get, template: "/scenario/{alias}"),
        Route(method: .post, template: "/scenario/{alias}"),
        Route(method: .get, template: "/metrics"),
        Route(method: .get, template: "/openapi.json"),
        Route(method: .get, template: "/docs"),
    ]

    /// The first route whose template matches `path`, whatever its method.
    public static func firstRoute(matchingPath path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.first { route in
            let templateSegments = route.template.split(separator: "/", omittingEmptySubsequences: true)
            guard templateSegments.count == segments.count else { return false }
            return zip(templateSegments, segments).allSatisfy { template, segment in
                template.hasPrefix("{") || template == segment
            }
        }
    }
}
