extension SupervisorOrder {
    /// The heartbeat as it goes on the wire, encoded once. The supervisor sends these bytes to
    /// every instance every interval, and an instance recognises them byte for byte: the one
    /// message 200 instances get every second needs no JSON decoder on either side.
    public static let encodedHeartbeat: [UInt8] = ControlProtocol.encode(SupervisorOrder.heartbeat)
}
