import CZeroMQ

/// CurveZMQ (RFC 26): encrypted, authenticated ZeroMQ connections, with keys in Z85 text.
public enum ZMQCurve {
    /// Whether this libzmq was built with CURVE (Debian's libzmq3-dev is, through libsodium).
    public static var isSupported: Bool { zmq_has("curve") == 1 }

    /// A new key pair from libzmq's CSPRNG (`zmq_curve_keypair`): 40-character Z85 texts.
    public static func keyPair() throws -> (publicKey: String, secretKey: String) {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else { throw ZMQError.last("zmq_curve_keypair") }
        return (String(cString: publicKey), String(cString: secretKey))
    }

    /// Whether `key` is a Z85 CURVE key (40 characters of the Z85 alphabet).
    public static func isKey(_ key: String) -> Bool {
        var decoded = [UInt8](repeating: 0, count: 32)
        return key.utf8.count == 40 && zmq_z85_decode(&decoded, key) != nil
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE server with `secretKey` (Z85): peers must complete the CURVE
    /// handshake, and are checked by the context's ZAP handler under `zapDomain`.
    /// Set before binding.
    public func makeCurveServer(secretKey: String, zapDomain: String) throws {
        try setIntOption(ZMQ_CURVE_SERVER, 1, "ZMQ_CURVE_SERVER")
        try setTextOption(ZMQ_CURVE_SECRETKEY, secretKey, "ZMQ_CURVE_SECRETKEY")
        try setTextOption(ZMQ_ZAP_DOMAIN, zapDomain, "ZMQ_ZAP_DOMAIN")
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey`, with its
    /// own key pair (all Z85). Set before connecting.
    public func makeCurveClient(serverKey: String, publicKey: String, secretKey: String) throws {
        try setTextOption(ZMQ_CURVE_SERVERKEY, serverKey, "ZMQ_CURVE_SERVERKEY")
        try setTextOption(ZMQ_CURVE_PUBLICKEY, publicKey, "ZMQ_CURVE_PUBLICKEY")
        try setTextOption(ZMQ_CURVE_SECRETKEY, secretKey, "ZMQ_CURVE_SECRETKEY")
    }

    private func setIntOption(_ option: Int32, _ value: Int32, _ name: String) throws {
        let handle = try requireHandle("set \(name)")
        let rc = withUnsafeBytes(of: value) { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last("set \(name) on a \(type) socket") }
    }

    /// Key texts are never part of the error: they may be secret.
    private func setTextOption(_ option: Int32, _ value: String, _ name: String) throws {
        let handle = try requireHandle("set \(name)")
        let bytes = Array(value.utf8)
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError.last("set \(name) on a \(type) socket") }
    }
}

extension ZMQCurve {
    /// The 32 bytes of a Z85 key, as the ZAP handler receives a client's key; nil if not a key.
    public static func binaryKey(_ key: String) -> [UInt8]? {
        guard key.utf8.count == 40 else { return nil }
        var decoded = [UInt8](repeating: 0, count: 32)
        return zmq_z85_decode(&decoded, key) == nil ? nil : decoded
    }

    /// The endpoint of a context's ZAP handler (RFC 27): every CURVE server socket of the
    /// context asks it whether a client key may connect.
    public static let zapEndpoint = "inproc://zeromq.zap.01"

    /// The reply of a ZAP handler to `request` (the request's frames without the ROUTER envelope):
    /// 200 when the client's key is one of `authorized`, 400 otherwise or for a malformed request.
    public static func zapReply(to request: [[UInt8]], authorized: Set<[UInt8]>) -> [[UInt8]] {
        // version, request id, domain, address, identity, mechanism, credentials…
        let requestID = request.count > 1 ? request[1] : []
        let allowed = request.count >= 7 && request[0] == Array("1.0".utf8) && request[5] == Array("CURVE".utf8)
            && authorized.contains(request[6])
        return [
            Array("1.0".utf8), requestID, Array((allowed ? "200" : "400").utf8),
            Array((allowed ? "OK" : "client key not authorised").utf8), [], [],
        ]
    }
}
