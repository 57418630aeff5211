import FleetClient
import FleetModel
import Foundation

/// Prints per-instance outcomes of a start or stop, one line each.
enum OutcomePrinter {
    /// The results of a `result` reply; any other reply is an error.
    static func results(of reply: ControlReply.Body) throws -> [InstanceResult] {
        guard case .result(_, let results) = reply else { throw FleetClientError.unexpectedReply("\(reply)") }
        return results
    }

    static func print(_ results: [InstanceResult]) {
        var table = TextTable(header: ["INSTANCE", "OUTCOME", "SCENARIO", "ACK"])
        for result in results {
            table.append([
                result.instance, result.outcome.rawValue, result.scenario?.rawValue ?? "-",
                result.latencyMs.map { String(format: "%.1f ms", $0) } ?? "-",
            ])
        }
        Swift.print(table.render(), terminator: "")
    }

    /// Outcomes that mean the command did not do what was asked on that instance.
    static func failed(_ results: [InstanceResult]) -> Bool {
        results.contains { [.timeout, .unavailable, .conflict].contains($0.outcome) }
    }
}
