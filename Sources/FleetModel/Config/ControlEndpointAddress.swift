/// A ZeroMQ endpoint of the control plane (`supervisor.control.*`), as the configuration checks
/// it and as the supervisor binds and clients connect to it.
///
/// Only `tcp://` on loopback and `ipc://` make sense here: the supervisor, the CLI and the
/// instances are separate processes on one machine, so `inproc://` cannot connect them and
/// `pgm://`/`epgm://`/`udp://` are for other socket types.
public enum ControlEndpointAddress: Sendable, Equatable, CustomStringConvertible {
    /// `tcp://host:port` with a loopback host.
    case tcp(host: String, port: Int)
    /// `ipc://path`, a Unix domain socket.
    case ipc(path: String)

    /// Why an endpoint was rejected, as a phrase that follows the key in an error.
    public struct Invalid: Error, Equatable {
        public let message: String
    }

    private static let ipcScheme = "ipc://"

    /// The examples every message shows.
    static let expectation = #"expected a ZeroMQ endpoint like "tcp://127.0.0.1:7001" or "ipc:///tmp/fleet/control.sock""#

    /// Longest Unix socket path in bytes: `sun_path` holds 108 bytes on Linux (104 on macOS)
    /// including the terminating NUL; ZeroMQ fails with `ENAMETOOLONG` past it, at bind time,
    /// which is far from the line that caused it.
    #if os(Linux)
    static let maximumSocketPathBytes = 107
    #else
    static let maximumSocketPathBytes = 103
    #endif

    /// The endpoint as ZeroMQ spells it.
    public var description: String {
        switch self {
        case .ipc(let path): return "ipc://\(path)"
        case .tcp(let host, let port): return "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }

    /// The socket file of an `ipc://` endpoint: it exists while the supervisor runs.
    public var socketPath: String? {
        if case .ipc(let path) = self { return path }
        return nil
    }

    /// Parses and checks `endpoint`; a `tcp://` host beyond loopback only with `allowingRemote`
    /// (`supervisor.control.curve: true`: every peer must then pass CURVE authentication).
    public static func parse(_ endpoint: String, allowingRemote: Bool = false) -> Result<ControlEndpointAddress, Invalid> {
        let found = "found \(endpoint.quotedForMessage)"
        if endpoint.hasPrefix(ipcScheme) {
            let path = String(endpoint.dropFirst(ipcScheme.count))
            guard !path.isEmpty else { return .failure(Invalid(message: "\(expectation), \(found): the socket path is empty")) }
            guard path.utf8.count <= maximumSocketPathBytes else {
                return .failure(Invalid(message: "expected a socket path of at most \(maximumSocketPathBytes) bytes, "
                    + "\(found) (\(path.utf8.count) bytes); Unix sockets cannot have longer paths"))
            }
            return .success(.ipc(path: path))
        }
        guard endpoint.hasPrefix("tcp://") else {
            return .failure(Invalid(message: "\(expectation), \(found)"))
        }
        let address = endpoint.dropFirst("tcp://".count)
        let host: Substring
        let portText: Substring
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            // IPv6 in brackets: tcp://[::1]:7001
            host = address[address.index(after: address.startIndex)..<close]
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else { return .failure(Invalid(message: "\(expectation), \(found): no port")) }
            portText = rest.dropFirst()
        } else if let colon = address.lastIndex(of: ":") {
            host = address[..<colon]
            portText = address[address.index(after: colon)...]
        } else {
            return .failure(Invalid(message: "\(expectation), \(found): no port"))
        }
        guard LoopbackHost.isLoopback(String(host)) || (allowingRemote && LocalAddresses.isAddressLiteral(String(host))) else {
            return .failure(Invalid(message:
                "expected a loopback host (127.x.x.x, [::1] or localhost) in the endpoint, \(found); "
                + "the control plane starts and stops scenarios on every instance, so it never listens beyond "
                + "this machine without CURVE (supervisor.control.curve: true; classroom.listen opens the HTTP servers only)"))
        }
        guard ConfigNode.isWholeNumber(String(portText)), !portText.hasPrefix("+"), !portText.hasPrefix("-"),
              let port = Int(portText), (1...65535).contains(port)
        else {
            return .failure(Invalid(message: "expected a port from 1 to 65535 in the endpoint, \(found)"))
        }
        return .success(.tcp(host: String(host), port: port))
    }
}
