import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Polls `condition` once a second until it holds; gives up at `limit` from now or at `deadline`,
/// whichever comes first.
func pollUntil(
    _ deadline: ContinuousClock.Instant, limit: Duration, _ what: String, _ condition: () async throws -> Bool
) async throws {
    let end = min(deadline, ContinuousClock.now + limit)
    while true {
        if try await condition() { return }
        guard ContinuousClock.now < end else { throw FleetTestError("gave up waiting for \(what)") }
        try await Task.sleep(for: .seconds(1))
    }
}

// MARK: - Prometheus' HTTP API

/// The three endpoints the test uses, decoded.
struct PrometheusAPI {
    let base: String

    /// `GET /api/v1/query?query=…`, an instant query at the current time.
    func query(_ expression: String) async throws -> QueryResult {
        // Percent-encode everything but unreserved characters: `+`, `&`, `=` in PromQL must not
        // be read as form syntax.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: allowed)!
        let reply: Reply<QueryResult> = try await get("/api/v1/query?query=\(encoded)")
        var result = reply.data ?? QueryResult(resultType: "", samples: [])
        result.status = reply.status
        result.error = reply.error.map { "\(reply.errorType ?? ""): \($0)" }
        return result
    }

    /// `GET /api/v1/alerts`: every pending and firing alert.
    func alerts() async throws -> [Alert] {
        let reply: Reply<AlertList> = try await get("/api/v1/alerts")
        guard reply.status == "success", let data = reply.data else { throw FleetTestError("alerts: \(reply.error ?? "?")") }
        return data.alerts
    }

    /// `GET /api/v1/rules`: the loaded rule groups.
    func rules() async throws -> [RuleGroup] {
        let reply: Reply<RuleGroups> = try await get("/api/v1/rules")
        guard reply.status == "success", let data = reply.data else { throw FleetTestError("rules: \(reply.error ?? "?")") }
        return data.groups
    }

    /// Error answers (400, 422, 503) are JSON as well, and decoded like successes.
    private func get<T: Decodable>(_ path: String) async throws -> Reply<T> {
        let (status, body) = try await TestFleet.http("GET", base + path)
        do {
            return try JSONDecoder().decode(Reply<T>.self, from: Data(body.utf8))
        } catch {
            throw FleetTestError("GET \(path): HTTP \(status), not an API answer: \(body.prefix(500))")
        }
    }

    struct Reply<Payload: Decodable>: Decodable {
        var status: String
        var data: Payload?
        var errorType: String?
        var error: String?
    }

    struct QueryResult: Decodable {
        var status = ""
        var error: String?
        var resultType: String
        /// The samples of an instant vector (empty for other result types).
        var samples: [Sample]

        init(resultType: String, samples: [Sample]) {
            self.resultType = resultType
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey { case resultType, result }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            resultType = try container.decode(String.self, forKey: .resultType)
            samples = resultType == "vector" ? try container.decode([Sample].self, forKey: .result) : []
        }
    }

    struct Sample: Decodable {
        var metric: [String: String]
        /// The sample value ("NaN" and "+Inf" included).
        var value: Double
        var instance: String? { metric["instance"] }

        enum CodingKeys: String, CodingKey { case metric, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            metric = try container.decode([String: String].self, forKey: .metric)
            // `[<unix time>, "<value as text>"]`
            var pair = try container.nestedUnkeyedContainer(forKey: .value)
            _ = try pair.decode(Double.self)
            value = Double(try pair.decode(String.self)) ?? .nan
        }
    }

    struct AlertList: Decodable { var alerts: [Alert] }

    struct Alert: Decodable {
        var labels: [String: String]
        var state: String
    }

    struct RuleGroups: Decodable { var groups: [RuleGroup] }

    struct RuleGroup: Decodable {
        var name: String
        var file: String
        var rules: [Rule]
    }

    struct Rule: Decodable {
        var name: String
        var query: String
        var health: String
        var lastError: String?
    }
}
