/// One kind of background request, named as in `traffic.mix`.
public enum TrafficKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `GET /showcase/count/{label}` with a page name: 200.
    case count
    /// `GET /showcase/duration/{length_ms}` with a valid value: 200.
    case duration
    /// `PUT /showcase/gauge` with a valid body: 200.
    case gauge
    /// `GET /scenario/health`: 200.
    case health
    /// `GET` of a path no route serves: 404.
    case notFound = "not_found"
    /// A showcase call with an invalid parameter: 422.
    case invalid

    public static func < (lhs: TrafficKind, rhs: TrafficKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
