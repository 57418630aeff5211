import CZeroMQ

/// One ZeroMQ socket.
///
/// **Owned by one thread.** libzmq sockets are not thread-safe, so this class is
/// deliberately *not* `Sendable`: create it, use it and close it on a single thread.
/// Handing it to another thread is allowed only as a one-way move behind a full memory
/// barrier (a thread start, a lock, a join), after which the first thread must not touch
/// it again; that is exactly what ``ZMQEventLoop`` does.
///
/// Every socket starts with linger 0 (see ``ZMQContext/makeSocket(_:)``). Errors are
/// thrown as ``ZMQError``; calls on a closed socket throw `ENOTSOCK`.
public final class ZMQSocket {
    /// The socket pattern chosen at creation.
    public let type: ZMQSocketType
    /// Keeps the context alive until this socket is gone, so `zmq_ctx_term` never blocks.
    let context: ZMQContext
    /// The libzmq `void *`; nil once closed.
    private(set) var handle: UnsafeMutableRawPointer?

    init(context: ZMQContext, type: ZMQSocketType) throws {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("zmq_socket(\(type))")
        }
        self.context = context
        self.type = type
        self.handle = handle
        do {
            try setLinger(milliseconds: 0)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Whether ``close()`` has run; every other call then throws `ENOTSOCK`.
    public var isClosed: Bool { handle == nil }

    /// Closes the socket (`zmq_close`). Idempotent; also done by `deinit`.
    ///
    /// With linger 0, unsent messages are discarded immediately.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        _ = zmq_close(handle)
    }

    /// The open handle, or `ENOTSOCK` so a use-after-close is an error and not a crash.
    func requireHandle(_ operation: @autoclosure () -> String) throws -> UnsafeMutableRawPointer {
        guard let handle else {
            throw ZMQError(code: ENOTSOCK, operation: "\(operation()) on a closed \(type) socket")
        }
        return handle
    }

    /// Binds to `endpoint`, e.g. `tcp://127.0.0.1:*`, `ipc:///tmp/x.sock`, `inproc://name`.
    /// - Throws: ``ZMQError`` for malformed endpoints, unsupported transports, or an
    ///   address already in use.
    public func bind(_ endpoint: String) throws {
        let handle = try requireHandle("bind(\"\(endpoint)\")")
        guard zmq_bind(handle, endpoint) == 0 else {
            throw ZMQError.last("bind(\"\(endpoint)\") on a \(type) socket")
        }
    }

    /// Connects to `endpoint`. Connecting is asynchronous: it succeeds before the peer
    /// exists, and libzmq reconnects in the background (see ``setReconnectInterval(milliseconds:)``).
    /// - Throws: ``ZMQError`` for malformed endpoints or unsupported transports.
    public func connect(_ endpoint: String) throws {
        let handle = try requireHandle("connect(\"\(endpoint)\")")
        guard zmq_connect(handle, endpoint) == 0 else {
            throw ZMQError.last("connect(\"\(endpoint)\") on a \(type) socket")
        }
    }

    /// Disconnects from an endpoint previously given to ``connect(_:)``.
    /// - Throws: ``ZMQError``, e.g. `ENOENT` when the endpoint was never connected.
    public func disconnect(_ endpoint: String) throws {
        let handle = try requireHandle("disconnect(\"\(endpoint)\")")
        guard zmq_disconnect(handle, endpoint) == 0 else {
            throw ZMQError.last("disconnect(\"\(endpoint)\") on a \(type) socket")
        }
    }

    /// The last endpoint bound or connected (`ZMQ_LAST_ENDPOINT`), with wildcards resolved:
    /// after `bind("tcp://127.0.0.1:*")` this holds the real port. Nil when closed or unset.
    public var lastEndpoint: String? {
        guard let handle else { return nil }
        // 1 KiB is far above any endpoint libzmq produces (ipc paths are ~108 bytes).
        var buffer = [UInt8](repeating: 0, count: 1024)
        var size = buffer.count
        let rc = buffer.withUnsafeMutableBytes { bytes in
            zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, bytes.baseAddress, &size)
        }
        guard rc == 0 else { return nil }
        let text = buffer.prefix(while: { $0 != 0 })
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }
}
