import CZeroMQ

/// Waits on several sockets and plain file descriptors at once (`zmq_poll`), always with
/// a bounded timeout.
///
/// Only readability is reported, which is what every receive loop in this project needs.
/// The sockets must belong to the calling thread (see ``ZMQSocket``).
public struct ZMQPoller {
    /// Waits until at least one socket or descriptor is readable, or `timeoutMilliseconds`
    /// passes.
    ///
    /// - Parameters:
    ///   - sockets: sockets to watch for an incoming message.
    ///   - fileDescriptors: plain descriptors (pipes, eventfds, ...) to watch for input.
    ///   - timeoutMilliseconds: 0 to check without waiting; negative values (libzmq's
    ///     "forever") are rejected because every wait in the project must be bounded.
    /// - Returns: indices into `sockets` and into `fileDescriptors` (not the descriptors
    ///   themselves) that are readable; both empty after a timeout or a signal.
    /// - Throws: ``ZMQError``: `EINVAL` for a negative timeout, `ENOTSOCK` for a closed
    ///   socket, `ETERM` when the context was shut down.
    public static func poll(
        _ sockets: [ZMQSocket],
        fileDescriptors: [Int32] = [],
        timeoutMilliseconds: Int
    ) throws -> (readableSockets: [Int], readableFDs: [Int]) {
        guard timeoutMilliseconds >= 0 else {
            throw ZMQError(code: EINVAL, operation: "poll with a negative (unbounded) timeout \(timeoutMilliseconds)")
        }
        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(sockets.count + fileDescriptors.count)
        for socket in sockets {
            items.append(zmq_pollitem_t(socket: try socket.requireHandle("poll"), fd: -1, events: Self.pollIn, revents: 0))
        }
        for descriptor in fileDescriptors {
            items.append(Self.item(fileDescriptor: descriptor))
        }
        guard try Self.wait(on: &items, timeoutMilliseconds: timeoutMilliseconds) else {
            return ([], [])
        }
        var readableSockets: [Int] = []
        var readableFDs: [Int] = []
        for (index, item) in items.enumerated() where Self.isReadable(item) {
            if index < sockets.count {
                readableSockets.append(index)
            } else {
                readableFDs.append(index - sockets.count)
            }
        }
        return (readableSockets, readableFDs)
    }

    /// `ZMQ_POLLIN` in the width of `zmq_pollitem_t.events`.
    static let pollIn = Int16(ZMQ_POLLIN)

    /// A poll item for a plain descriptor (socket pointer nil, so libzmq uses `fd`).
    static func item(fileDescriptor: Int32) -> zmq_pollitem_t {
        zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: pollIn, revents: 0)
    }

    /// Whether libzmq marked `item` readable in the last wait.
    static func isReadable(_ item: zmq_pollitem_t) -> Bool {
        item.revents & pollIn != 0
    }

    /// One `zmq_poll` over prepared items, shared with ``ZMQEventLoop`` so it can reuse its
    /// item array on every wakeup.
    /// - Returns: true when something is readable, false on timeout or `EINTR`.
    static func wait(on items: inout [zmq_pollitem_t], timeoutMilliseconds: Int) throws -> Bool {
        let count = Int32(clamping: items.count)
        let rc = items.withUnsafeMutableBufferPointer { buffer in
            zmq_poll(buffer.baseAddress, count, timeoutMilliseconds)
        }
        if rc == -1 {
            let code = zmq_errno()
            // A signal only cuts the wait short; callers loop with their own deadline.
            if code == EINTR { return false }
            throw ZMQError(code: code, operation: "zmq_poll over \(items.count) items")
        }
        return rc > 0
    }
}
