import Foundation

/// A CURVE key pair in Z85 text (40 characters each), as stored in the data folder.
public struct CurveKeyPair: Sendable, Equatable, Codable {
    /// The public key: what peers are told.
    public var publicKey: String
    /// The secret key: never leaves its 0600 file.
    public var secretKey: String

    /// A key pair.
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    enum CodingKeys: String, CodingKey {
        case publicKey = "public"
        case secretKey = "secret"
    }
}

/// What a client of a CURVE control plane needs: the supervisor's public key and its own pair.
public struct CurveClientKeys: Sendable, Equatable {
    /// The supervisor's public key.
    public var serverPublicKey: String
    /// The client's own key pair, whose public key must be authorised.
    public var client: CurveKeyPair

    /// Keys of a client.
    public init(serverPublicKey: String, client: CurveKeyPair) {
        self.serverPublicKey = serverPublicKey
        self.client = client
    }
}

/// The CURVE keys of a fleet (`supervisor.control.curve`), in ``FleetConfig/curveKeysDirectory``:
///
/// - `server.key`: the supervisor's key pair;
/// - `client.key`: the key pair `fleet` commands, the instances and the pyzmq example use;
/// - `authorized_clients`: one public key a line (`#` comments), the clients the supervisor
///   serves; the fleet's own client key is put there when the file is created, and an instructor
///   may add the public keys of clients elsewhere.
///
/// Every file is mode 0600. Key generation is libzmq's (`ZMQCurve.keyPair`), passed in, so this
/// module stays free of the library.
public struct CurveKeyStore: Sendable {
    /// The folder of the keys.
    public let directory: String

    /// The keys of the fleet whose data folder holds `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    public var serverKeyPath: String { (directory as NSString).appendingPathComponent("server.key") }
    public var clientKeyPath: String { (directory as NSString).appendingPathComponent("client.key") }
    public var authorizedClientsPath: String { (directory as NSString).appendingPathComponent("authorized_clients") }

    /// The supervisor's key pair and the authorised client keys, creating what is missing.
    public func prepareServer(generate: () throws -> CurveKeyPair) throws -> (server: CurveKeyPair, authorized: [String]) {
        let server = try loadOrCreate(serverKeyPath, generate: generate)
        let client = try loadOrCreate(clientKeyPath, generate: generate)
        if try SecretFile.read(authorizedClientsPath) == nil {
            let text = "# public CURVE keys of the clients the supervisor serves, one a line\n\(client.publicKey)\n"
            try SecretFile.write(Data(text.utf8), to: authorizedClientsPath)
        }
        return (server, try authorizedClients())
    }

    /// The keys a client of this fleet connects with.
    ///
    /// - Throws: ``SecretFile/Failure`` when the fleet has not made its keys yet (it has never run with CURVE).
    public func clientKeys() throws -> CurveClientKeys {
        guard let server = try load(serverKeyPath), let client = try load(clientKeyPath) else {
            throw SecretFile.Failure(description:
                "no CURVE keys in \(directory): supervisor.control.curve is on, and `fleet up` makes them at its first start")
        }
        return CurveClientKeys(serverPublicKey: server.publicKey, client: client)
    }

    /// The public keys of `authorized_clients`.
    public func authorizedClients() throws -> [String] {
        guard let data = try SecretFile.read(authorizedClientsPath) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    private func loadOrCreate(_ path: String, generate: () throws -> CurveKeyPair) throws -> CurveKeyPair {
        if let pair = try load(path) { return pair }
        let pair = try generate()
        try SecretFile.write(try JSONEncoder().encode(pair), to: path)
        return pair
    }

    private func load(_ path: String) throws -> CurveKeyPair? {
        guard let data = try SecretFile.read(path) else { return nil }
        do {
            return try JSONDecoder().decode(CurveKeyPair.self, from: data)
        } catch {
            throw SecretFile.Failure(description: "\(path) is not a CURVE key file; delete it to get a new key pair")
        }
    }
}

extension FleetConfig {
    /// The fleet's CURVE keys.
    public var curveKeys: CurveKeyStore { CurveKeyStore(directory: curveKeysDirectory) }

    /// The keys a client of this fleet connects with, or nil when the control plane runs without CURVE.
    public func curveClientKeys() throws -> CurveClientKeys? {
        supervisor.control.curve ? try curveKeys.clientKeys() : nil
    }
}
