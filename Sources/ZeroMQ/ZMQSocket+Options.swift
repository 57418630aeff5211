import CZeroMQ

/// Socket options. Each setter is a throwing function so an invalid value is reported
/// as a ``ZMQError`` (libzmq answers `EINVAL`) instead of being silently ignored.
extension ZMQSocket {
    /// How long unsent messages are kept after close (`ZMQ_LINGER`). Already 0 on every
    /// socket from ``ZMQContext/makeSocket(_:)``; raising it can make closes wait.
    public func setLinger(milliseconds: Int32) throws {
        try setOption(ZMQ_LINGER, milliseconds, "ZMQ_LINGER")
    }

    /// The identity this socket announces to a ROUTER peer (`ZMQ_ROUTING_ID`).
    /// Must be 1...255 bytes and must not start with a zero byte (libzmq reserves those);
    /// set it before connecting.
    public func setRoutingID(_ id: [UInt8]) throws {
        try setOption(ZMQ_ROUTING_ID, bytes: id, "ZMQ_ROUTING_ID")
    }

    /// How long ``receive(wait:)`` with `wait: true` blocks before returning nil
    /// (`ZMQ_RCVTIMEO`); -1 (libzmq's default) waits forever, so set it on every socket
    /// that is received from with `wait: true`.
    public func setReceiveTimeout(milliseconds: Int32) throws {
        try setOption(ZMQ_RCVTIMEO, milliseconds, "ZMQ_RCVTIMEO")
    }

    /// How long ``send(_:wait:)`` with `wait: true` blocks before returning false
    /// (`ZMQ_SNDTIMEO`); -1 (libzmq's default) waits forever.
    public func setSendTimeout(milliseconds: Int32) throws {
        try setOption(ZMQ_SNDTIMEO, milliseconds, "ZMQ_SNDTIMEO")
    }

    /// The largest single frame accepted from peers (`ZMQ_MAXMSGSIZE`); -1 means no limit.
    /// A peer that sends a larger frame is disconnected and the frame is never delivered,
    /// so a misbehaving peer cannot make this process allocate arbitrary memory.
    public func setMaxMessageSize(_ bytes: Int64) throws {
        try setOption(ZMQ_MAXMSGSIZE, bytes, "ZMQ_MAXMSGSIZE")
    }

    /// Outgoing and incoming queue limits in messages (`ZMQ_SNDHWM`, `ZMQ_RCVHWM`);
    /// 0 means no limit. Takes effect for connections made after the call.
    public func setHighWaterMarks(send: Int32, receive: Int32) throws {
        try setOption(ZMQ_SNDHWM, send, "ZMQ_SNDHWM")
        try setOption(ZMQ_RCVHWM, receive, "ZMQ_RCVHWM")
    }

    /// ROUTER only (`ZMQ_ROUTER_MANDATORY`): when on, sending to an unknown routing id
    /// fails (``send(_:wait:)`` returns false) instead of being dropped silently.
    public func setRouterMandatory(_ on: Bool) throws {
        try setOption(ZMQ_ROUTER_MANDATORY, Int32(on ? 1 : 0), "ZMQ_ROUTER_MANDATORY")
    }

    /// When on (`ZMQ_IMMEDIATE`), messages are queued only to completed connections, so a
    /// send with no live peer would block (returns false) rather than pile up for a peer
    /// that may never come.
    public func setImmediate(_ on: Bool) throws {
        try setOption(ZMQ_IMMEDIATE, Int32(on ? 1 : 0), "ZMQ_IMMEDIATE")
    }

    /// SUB only (`ZMQ_SUBSCRIBE`): receive messages whose first frame starts with `prefix`;
    /// an empty prefix subscribes to everything. A SUB socket receives nothing until subscribed.
    public func subscribe(_ prefix: [UInt8]) throws {
        try setOption(ZMQ_SUBSCRIBE, bytes: prefix, "ZMQ_SUBSCRIBE")
    }

    /// SUB only (`ZMQ_UNSUBSCRIBE`): removes one earlier ``subscribe(_:)`` of the same prefix.
    public func unsubscribe(_ prefix: [UInt8]) throws {
        try setOption(ZMQ_UNSUBSCRIBE, bytes: prefix, "ZMQ_UNSUBSCRIBE")
    }

    /// Delay before libzmq reconnects a dropped connection (`ZMQ_RECONNECT_IVL`); -1 disables
    /// reconnection.
    public func setReconnectInterval(milliseconds: Int32) throws {
        try setOption(ZMQ_RECONNECT_IVL, milliseconds, "ZMQ_RECONNECT_IVL")
    }

    /// Sets a fixed-size integer option; the value's bytes are passed as libzmq expects.
    private func setOption<Value: BitwiseCopyable>(_ option: Int32, _ value: Value, _ name: String) throws {
        let handle = try requireHandle("set \(name)")
        let rc = withUnsafeBytes(of: value) { bytes in
            zmq_setsockopt(handle, option, bytes.baseAddress, bytes.count)
        }
        guard rc == 0 else { throw ZMQError.last("set \(name) = \(value) on a \(type) socket") }
    }

    /// Sets a binary option (routing id, subscription prefix).
    private func setOption(_ option: Int32, bytes value: [UInt8], _ name: String) throws {
        let handle = try requireHandle("set \(name)")
        let rc = value.withUnsafeBytes { bytes in
            zmq_setsockopt(handle, option, bytes.baseAddress, bytes.count)
        }
        guard rc == 0 else { throw ZMQError.last("set \(name) (\(value.count) bytes) on a \(type) socket") }
    }
}
