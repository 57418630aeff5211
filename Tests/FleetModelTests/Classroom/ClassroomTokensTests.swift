import Foundation
import Testing

import FleetChaos
import FleetModel

/// Tokens: who a token belongs to, their randomness and length, and the 0600 file.
@Suite("Classroom tokens")
struct ClassroomTokensTests {
    let roster = [RosterEntry(name: "Ada", instanceID: "svc-01"), RosterEntry(name: "Grace", instanceID: "svc-02")]

    func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "fleetsim-tokens-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func rolesOfEachToken() {
        // Seeded (the project's chaos generator), so the tests' tokens are reproducible.
        var generator = SeededGenerator(seed: 1)
        let tokens = ClassroomTokens.assigned(to: roster, keeping: nil, using: &generator)
        #expect(tokens.role(forToken: tokens.instructor) == .instructor)
        #expect(tokens.role(forToken: tokens.token(forStudent: "Ada")!) == .student(name: "Ada", instanceID: "svc-01"))
        #expect(tokens.role(forToken: tokens.token(forStudent: "Grace")!) == .student(name: "Grace", instanceID: "svc-02"))
        #expect(tokens.token(forInstance: "svc-02") == tokens.token(forStudent: "Grace"))
        #expect(tokens.role(forToken: "") == nil)
        #expect(tokens.role(forToken: String(tokens.instructor.dropLast())) == nil)
        #expect(tokens.role(forToken: tokens.instructor + "0") == nil)
        #expect(tokens.token(forStudent: "Linus") == nil)
    }

    @Test func tokensAre128BitsOfHexAndDistinct() {
        var generator = SystemRandomNumberGenerator()
        let tokens = (0..<200).map { _ in ClassroomTokens.newToken(using: &generator) }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.count == 32)
            #expect(token.allSatisfy { $0.isHexDigit })
        }
    }

    @Test func constantTimeComparisonAgreesWithEquality() {
        let secret = "0123456789abcdef0123456789abcdef"
        #expect(ConstantTimeComparison.equal(secret, secret))
        #expect(!ConstantTimeComparison.equal("", secret))
        #expect(!ConstantTimeComparison.equal("0", secret))
        #expect(!ConstantTimeComparison.equal(secret + secret, secret))
        #expect(!ConstantTimeComparison.equal("1123456789abcdef0123456789abcdef", secret))
        #expect(!ConstantTimeComparison.equal("0123456789abcdef0123456789abcdee", secret))
        // A prefix repeated to the secret's length must not pass for it.
        #expect(!ConstantTimeComparison.equal("01", "0101"))
        #expect(ConstantTimeComparison.equal("", ""))
    }

    @Test func fileIsCreated0600AndKeptAcrossLoads() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data/classroom-tokens.json"
        let first = try ClassroomTokens.loadOrCreate(at: path, roster: roster)
        #expect(SecretFile.permissions(of: path) == 0o600)
        let again = try ClassroomTokens.loadOrCreate(at: path, roster: roster)
        #expect(again == first)
        // A new student gets a token; the others keep theirs, even when the order changes.
        let grown = [roster[1], RosterEntry(name: "Ada", instanceID: "svc-02"), RosterEntry(name: "Linus", instanceID: "svc-03")]
        let later = try ClassroomTokens.loadOrCreate(at: path, roster: grown)
        #expect(later.token(forStudent: "Ada") == first.token(forStudent: "Ada"))
        #expect(later.token(forStudent: "Grace") == first.token(forStudent: "Grace"))
        #expect(later.role(forToken: first.token(forStudent: "Ada")!) == .student(name: "Ada", instanceID: "svc-02"))
        #expect(later.token(forStudent: "Linus") != nil)
        #expect(later.instructor == first.instructor)
        #expect(SecretFile.permissions(of: path) == 0o600)
        // Nothing but the file is left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/data") == ["classroom-tokens.json"])
    }

    @Test func resetMakesNewTokens() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/classroom-tokens.json"
        let first = try ClassroomTokens.loadOrCreate(at: path, roster: roster)
        let reset = try ClassroomTokens.reset(at: path, roster: roster)
        #expect(reset.instructor != first.instructor)
        #expect(reset.token(forStudent: "Ada") != first.token(forStudent: "Ada"))
        #expect(try ClassroomTokens.loadExisting(at: path, roster: roster) == reset)
        #expect(reset.role(forToken: first.token(forStudent: "Ada")!) == nil)
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/classroom-tokens.json"
        _ = try ClassroomTokens.loadOrCreate(at: path, roster: roster)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SecretFile.Failure.self) { try ClassroomTokens.loadOrCreate(at: path, roster: roster) }
    }

    @Test func aShortOrForeignFileIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/classroom-tokens.json"
        try SecretFile.write(Data(#"{"instructor":"abc","students":{}}"#.utf8), to: path)
        #expect(throws: SecretFile.Failure.self) { try ClassroomTokens.load(at: path) }
        try SecretFile.write(Data("not json".utf8), to: path)
        #expect(throws: SecretFile.Failure.self) { try ClassroomTokens.load(at: path) }
        #expect(try ClassroomTokens.load(at: folder + "/missing.json") == nil)
    }

    @Test func pathIsInTheDataFolder() {
        var config = FleetConfig()
        config.fleet.dataDir = "/srv/class"
        #expect(config.classroomTokensPath == "/srv/class/classroom-tokens.json")
    }
}

/// The CURVE key files of a fleet.
@Suite("CURVE key store")
struct CurveKeyStoreTests {
    @Test func keysAreMadeOnceWith0600AndTheFleetsClientIsAuthorised() throws {
        let folder = NSTemporaryDirectory() + "fleetsim-curve-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = CurveKeyStore(directory: folder + "/curve")
        #expect(throws: SecretFile.Failure.self) { try store.clientKeys() }
        var made = 0
        let generate = { () -> CurveKeyPair in
            made += 1
            return CurveKeyPair(publicKey: "public-\(made)", secretKey: "secret-\(made)")
        }
        let (server, authorized) = try store.prepareServer(generate: generate)
        #expect(server == CurveKeyPair(publicKey: "public-1", secretKey: "secret-1"))
        #expect(authorized == ["public-2"])
        let again = try store.prepareServer(generate: generate)
        #expect(made == 2)
        #expect(again.server == server)
        #expect(try store.clientKeys() == CurveClientKeys(
            serverPublicKey: "public-1", client: CurveKeyPair(publicKey: "public-2", secretKey: "secret-2")))
        for path in [store.serverKeyPath, store.clientKeyPath, store.authorizedClientsPath] {
            #expect(SecretFile.permissions(of: path) == 0o600)
        }
    }

    @Test func curveAllowsAControlEndpointBeyondLoopback() throws {
        let refused = try #require(configError("supervisor:\n  control:\n    command: tcp://192.0.2.2:7001\n"))
        #expect(refused.key == "supervisor.control.command")
        #expect(refused.message.contains("supervisor.control.curve: true"))
        let config = try parseConfig("supervisor:\n  control:\n    command: tcp://192.0.2.2:7001\n    curve: true\n")
        #expect(config.commandEndpoint == .tcp(host: "192.0.2.2", port: 7001))
    }
}
