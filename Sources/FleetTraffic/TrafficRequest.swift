import FleetChaos
import FleetModel

/// One request the generator sends: to which instance, what kind, and exactly what goes out.
public struct TrafficRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET", put = "PUT"
    }

    /// Index of the target instance (0 for svc-01).
    public var instance: Int
    public var kind: TrafficKind
    public var method: Method
    /// Path and nothing else (no query): what the instance routes on.
    public var path: String
    /// JSON body of a PUT.
    public var body: String?

    public init(instance: Int, kind: TrafficKind, method: Method, path: String, body: String? = nil) {
        self.instance = instance
        self.kind = kind
        self.method = method
        self.path = path
        self.body = body
    }

    /// Page names of `count` requests: a small fixed set, so the label stays bounded.
    public static let pages = ["home", "search", "product", "cart", "checkout", "login", "account", "help"]
    /// Paths no route of an instance serves (what scanners and stale links ask for).
    public static let missingPaths = ["/admin", "/wp-login.php", "/api/v2/orders", "/.env", "/old-checkout"]
    /// Invalid `length_ms` values: each answered 422 by FastAPI's validation.
    static let invalidLengths = ["abc", "1.5", "ten", "NaN"]

    /// A request of `kind` to `instance`, its details drawn from `generator`.
    static func make(_ kind: TrafficKind, instance: Int, using generator: inout SeededGenerator) -> TrafficRequest {
        func pick(_ choices: [String]) -> String { choices[Int(generator.nextInt(below: UInt64(choices.count)))] }
        switch kind {
        case .count:
            return TrafficRequest(instance: instance, kind: kind, method: .get, path: "/showcase/count/\(pick(pages))")
        case .duration:
            let milliseconds = generator.nextInt(in: 5...500)
            return TrafficRequest(instance: instance, kind: kind, method: .get, path: "/showcase/duration/\(milliseconds)")
        case .gauge:
            let value = generator.nextInt(in: 0...100)
            return TrafficRequest(instance: instance, kind: kind, method: .put, path: "/showcase/gauge", body: #"{"value": \#(value)}"#)
        case .health:
            return TrafficRequest(instance: instance, kind: kind, method: .get, path: "/scenario/health")
        case .notFound:
            return TrafficRequest(instance: instance, kind: kind, method: .get, path: pick(missingPaths))
        case .invalid:
            // Half a bad path parameter, half a bad body: both are a client's typical 422s.
            if generator.nextInt(below: 2) == 0 {
                return TrafficRequest(instance: instance, kind: kind, method: .get, path: "/showcase/duration/\(pick(invalidLengths))")
            }
            return TrafficRequest(instance: instance, kind: kind, method: .put, path: "/showcase/gauge", body: #"{"value": "high"}"#)
        }
    }
}
