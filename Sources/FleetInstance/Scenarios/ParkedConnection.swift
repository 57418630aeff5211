import LoopbackHTTP
import Synchronization

/// Keeps scenario3's keep-alive connection to its own server from one run to the next.
///
/// Opening a connection costs the instance more than a request does (a socket, a client and a
/// server pipeline, a server task), and so does tearing it down. With the connection kept, a
/// start is one request and a stop is one cancelled sleep, which matters when a whole fleet
/// starts or stops scenario3 at once on a small machine. A connection that was cancelled in the
/// middle of a request (and so closed) or that the server closed is never kept.
public final class ParkedConnection: Sendable {
    private let slot = Mutex<LoopbackHTTPClient?>(nil)

    public init() {}

    /// Takes the kept connection, if there is one that can still carry a request.
    func take() -> LoopbackHTTPClient? {
        guard let client = slot.withLock({ $0.take() }) else { return nil }
        guard client.isOpen else {
            client.close()
            return nil
        }
        return client
    }

    /// Keeps `client` for the next run (closing any other kept one), or closes it when it
    /// cannot carry another request.
    func park(_ client: LoopbackHTTPClient) {
        guard client.isOpen else {
            client.close()
            return
        }
        let previous = slot.withLock { slot in
            defer { slot = client }
            return slot
        }
        previous?.close()
    }

    /// Closes the kept connection, e.g. when the instance shuts down.
    public func close() {
        slot.withLock { $0.take() }?.close()
    }
}
