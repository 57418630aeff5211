import CZeroMQ

/// Sending and receiving whole multipart messages as arrays of frames.
extension ZMQSocket {
    /// Sends all frames as one multipart message.
    ///
    /// - Parameters:
    ///   - frames: at least one frame; empty frames are fine (e.g. a REQ-style delimiter).
    ///   - wait: when false (the default) the call never blocks; when true it blocks for at
    ///     most the send timeout (``setSendTimeout(milliseconds:)``).
    /// - Returns: true when queued; false (not thrown) when the message could not be queued
    ///   right now: it would block (`EAGAIN`: HWM reached, no peer, send timeout passed),
    ///   the peer is unroutable (`EHOSTUNREACH`, ROUTER with router-mandatory), or a signal
    ///   interrupted a blocking send. Nothing was sent in those cases.
    /// - Throws: ``ZMQError`` for everything else, e.g. `EFSM` (REQ/REP out of turn),
    ///   `ENOTSUP` (send on SUB/PULL), `ETERM`, `ENOTSOCK` (closed), `EINVAL` (no frames).
    @discardableResult
    public func send(_ frames: [[UInt8]], wait: Bool = false) throws -> Bool {
        let handle = try requireHandle("send")
        guard !frames.isEmpty else {
            throw ZMQError(code: EINVAL, operation: "send of a message with no frames on a \(type) socket")
        }
        let baseFlags: Int32 = wait ? 0 : ZMQ_DONTWAIT
        let last = frames.count - 1
        for (index, frame) in frames.enumerated() {
            let flags = index < last ? baseFlags | ZMQ_SNDMORE : baseFlags
            let rc = frame.withUnsafeBytes { bytes in
                zmq_send(handle, bytes.baseAddress, bytes.count, flags)
            }
            guard rc == -1 else { continue }
            let code = zmq_errno()
            // Only the first frame can be refused cleanly: libzmq checks the HWM and the
            // routing id there, and a later frame failing would leave a half-sent message.
            if index == 0, code == EAGAIN || code == EHOSTUNREACH || code == EINTR {
                return false
            }
            throw ZMQError(code: code, operation: "send of frame \(index + 1) of \(frames.count) on a \(type) socket")
        }
        return true
    }

    /// Receives one whole multipart message.
    ///
    /// - Parameter wait: when false (the default) the call never blocks; when true it blocks
    ///   for at most the receive timeout (``setReceiveTimeout(milliseconds:)``, forever if
    ///   never set) or until the context is shut down.
    /// - Returns: the frames, or nil when nothing is there, the receive timeout passed, or a
    ///   signal interrupted the wait (callers loop anyway, so a spurious nil is harmless).
    /// - Throws: ``ZMQError``, e.g. `EFSM` (REQ/REP out of turn), `ETERM`, `ENOTSOCK`.
    public func receive(wait: Bool = false) throws -> [[UInt8]]? {
        let handle = try requireHandle("receive")
        var message = zmq_msg_t()
        guard zmq_msg_init(&message) == 0 else { throw ZMQError.last("zmq_msg_init") }
        defer { zmq_msg_close(&message) }

        var frames: [[UInt8]] = []
        repeat {
            // libzmq delivers multipart messages atomically: once the first frame is here the
            // rest are too, so only the first receive may wait.
            let flags: Int32 = frames.isEmpty && wait ? 0 : ZMQ_DONTWAIT
            if zmq_msg_recv(&message, handle, flags) == -1 {
                let code = zmq_errno()
                if frames.isEmpty, code == EAGAIN || code == EINTR { return nil }
                throw ZMQError(code: code, operation: "receive of frame \(frames.count + 1) on a \(type) socket")
            }
            frames.append(Self.bytes(of: &message))
        } while zmq_msg_more(&message) == 1
        return frames
    }

    /// Copies a message's payload out; libzmq reuses `message` for the next frame.
    private static func bytes(of message: inout zmq_msg_t) -> [UInt8] {
        let size = zmq_msg_size(&message)
        guard size > 0, let data = zmq_msg_data(&message) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    }
}
