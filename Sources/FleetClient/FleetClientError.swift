import FleetModel
import Foundation

/// Why a client got no usable answer from a fleet.
public enum FleetClientError: Error, CustomStringConvertible {
    /// Nothing answers on the endpoint (no supervisor, or it did not answer in time).
    case notRunning(endpoint: ControlEndpointAddress, reason: String)
    /// The supervisor answered with an error.
    case refused(ControlErrorBody)
    /// The supervisor answered with a reply of another kind than the request asks for.
    case unexpectedReply(String)

    public var description: String {
        switch self {
        case .notRunning(let endpoint, let reason):
            return "the fleet is not running (\(reason) on \(endpoint)); start it with `fleet up`"
        case .refused(let error):
            return "\(error.message) [\(error.code)]"
        case .unexpectedReply(let what):
            return "unexpected reply from the supervisor: \(what)"
        }
    }

    /// An `ipc://` endpoint whose socket file is missing has no supervisor behind it: say so at
    /// once instead of waiting out the timeout.
    static func checkRunning(_ endpoint: ControlEndpointAddress) throws(FleetClientError) {
        if let path = endpoint.socketPath, !FileManager.default.fileExists(atPath: path) {
            throw .notRunning(endpoint: endpoint, reason: "no socket")
        }
    }
}
