import Foundation

/// One instance's recent request rate and error ratio, as the grid's sparklines draw them.
struct SparklineSeries: Encodable, Equatable {
    var instance: String
    /// Requests per second, oldest first, one point per step.
    var rate: [Double]
    /// Share of requests answered 4xx or 5xx, oldest first (0 where there were none).
    var errors: [Double]

    /// The two range queries: the lab's 7.1 summed by instance and its 7.2.
    static let rateQuery = "sum by (instance) (rate(http_server_duration_milliseconds_count[1m]))"
    static let errorQuery = #"sum by (instance) (rate(http_server_duration_milliseconds_count{http_status_code=~"4..|5.."}[1m]))"#
        + "\n  / sum by (instance) (rate(http_server_duration_milliseconds_count[1m]))"

    /// Joins the matrices of the two queries by instance, aligned on `steps` timestamps.
    static func join(rate: [String: [Double: Double]], errors: [String: [Double: Double]], steps: [Double]) -> [SparklineSeries] {
        rate.keys.sorted().map { instance in
            SparklineSeries(
                instance: instance,
                rate: steps.map { rate[instance]?[$0] ?? 0 },
                errors: steps.map { errors[instance]?[$0] ?? 0 })
        }
    }

    /// A Prometheus `query_range` answer as instance → timestamp → value; NaN and unparsable
    /// samples are left out (a ratio of 0/0 is no error).
    static func matrix(fromPrometheusJSON data: Data) throws -> [String: [Double: Double]] {
        struct Answer: Decodable {
            struct Payload: Decodable {
                struct Series: Decodable {
                    var metric: [String: String]
                    var values: [[Sample]]
                }
                var result: [Series]
            }
            var status: String
            var data: Payload?
        }
        enum Sample: Decodable {
            case number(Double), text(String)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
            }
        }
        let answer = try JSONDecoder().decode(Answer.self, from: data)
        guard answer.status == "success", let payload = answer.data else { return [:] }
        var matrix: [String: [Double: Double]] = [:]
        for series in payload.result {
            guard let instance = series.metric["instance"] else { continue }
            for pair in series.values where pair.count == 2 {
                guard case .number(let time) = pair[0], case .text(let text) = pair[1], let value = Double(text), value.isFinite else { continue }
                matrix[instance, default: [:]][time] = value
            }
        }
        return matrix
    }
}
