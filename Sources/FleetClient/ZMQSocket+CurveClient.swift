import FleetModel
import ZeroMQ

extension ZMQSocket {
    /// Makes the socket a CURVE client with `keys`; nothing when the fleet runs without CURVE.
    func applyCurve(_ keys: CurveClientKeys?) throws {
        guard let keys else { return }
        try makeCurveClient(serverKey: keys.serverPublicKey, publicKey: keys.client.publicKey, secretKey: keys.client.secretKey)
    }
}
