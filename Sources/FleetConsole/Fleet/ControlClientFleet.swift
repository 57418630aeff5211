import FleetClient
import FleetModel
import NIOPosix

/// ``ConsoleFleet`` over the supervisor's command endpoint, with `FleetClient.ControlClient`.
///
/// `ControlClient` blocks while it waits for a reply (bounded by its timeout); the call runs on
/// NIO's blocking-I/O thread pool so it never holds a thread of the cooperative pool or an
/// event loop that serves other browsers.
public struct ControlClientFleet: ConsoleFleet {
    let client: ControlClient

    /// A client of the fleet whose command endpoint is `endpoint` (with the fleet's `curve` keys
    /// when its control plane requires them).
    public init(endpoint: ControlEndpointAddress, timeout: Duration = .seconds(5), curve: CurveClientKeys? = nil) {
        client = ControlClient(endpoint: endpoint, timeout: timeout, curve: curve)
    }

    public func send(_ command: ControlCommand) async throws -> ControlReply.Body {
        let client = self.client
        return try await NIOThreadPool.singleton.runIfActive { try client.send(command) }
    }
}
