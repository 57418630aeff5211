import CZeroMQ
import Synchronization

/// A libzmq context: the I/O threads and the registry every socket is created from.
///
/// libzmq documents contexts as thread-safe, which is why this class is `Sendable`
/// (checked by hand): `makeSocket` and `shutdown` may be called from any thread.
///
/// Lifetime: every ``ZMQSocket`` keeps a strong reference to the context it was made
/// from, so `deinit` (which calls `zmq_ctx_term`) runs only after all of its sockets have
/// been closed and released. `zmq_ctx_term` blocks while any socket is still open; thanks
/// to that reference and to linger 0 on every socket it returns at once here. Do not keep
/// sockets alive in long-lived places (globals, detached threads) if the context is
/// expected to go away.
public final class ZMQContext: @unchecked Sendable {
    /// The `void *` from `zmq_ctx_new`; never nil after a successful init.
    let handle: UnsafeMutableRawPointer
    /// Makes `shutdown()` idempotent without relying on libzmq's tolerance for repeats.
    private let isShutDown = Atomic<Bool>(false)

    /// Creates a new context with libzmq's defaults (one I/O thread).
    /// - Throws: ``ZMQError`` when libzmq cannot create one (e.g. out of file descriptors).
    public init() throws {
        guard let handle = zmq_ctx_new() else {
            throw ZMQError.last("zmq_ctx_new")
        }
        self.handle = handle
    }

    /// Creates a socket of `type`, with linger already set to 0.
    ///
    /// Linger 0 is a project rule: a close (and therefore the context's termination) must
    /// never wait for unsent messages to a peer that may be dead.
    /// - Throws: ``ZMQError``, e.g. `ETERM` after ``shutdown()`` or `EMFILE`.
    public func makeSocket(_ type: ZMQSocketType) throws -> ZMQSocket {
        try ZMQSocket(context: self, type: type)
    }

    /// Shuts the context down (`zmq_ctx_shutdown`): every blocking call on its sockets
    /// returns `ETERM` at once, and new sockets can no longer be made.
    ///
    /// Safe from any thread and idempotent. Sockets still have to be closed (by their
    /// owning threads) before the context itself goes away.
    public func shutdown() {
        guard !isShutDown.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = zmq_ctx_shutdown(handle)
    }

    deinit {
        // Retry on EINTR only: any other failure cannot be acted upon in a deinit.
        while zmq_ctx_term(handle) != 0, zmq_errno() == EINTR {}
    }
}
