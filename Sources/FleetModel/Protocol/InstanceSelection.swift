/// Which instances a command addresses. JSON: `"all"`, `["svc-01", "svc-03"]` or `{"random": 2}`.
public enum InstanceSelection: Codable, Sendable, Equatable {
    case all
    case ids([String])
    case random(Int)

    private struct RandomCount: Codable {
        var random: Int
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \"all\", a list of ids or {\"random\": k}")
            }
            self = .all
        } else if let ids = try? container.decode([String].self) {
            self = .ids(ids)
        } else if let random = try? container.decode(RandomCount.self) {
            self = .random(random.random)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected \"all\", a list of ids or {\"random\": k}")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .ids(let ids): try container.encode(ids)
        case .random(let count): try container.encode(RandomCount(random: count))
        }
    }
}
