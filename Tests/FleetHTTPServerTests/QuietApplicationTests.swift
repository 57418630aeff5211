import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import FleetHTTPServer

@Suite("Quiet application")
struct QuietApplicationTests {
    struct Refused: Error {}

    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/hello") { _, _ in "hello" }
        router.get("/broken") { _, _ -> String in throw Refused() }
        return router
    }

    /// Runs an application on `addresses`, hands the bound ports to `body`, then shuts it down
    /// gracefully and checks that `run()` returned.
    static func serving(
        _ addresses: [BindAddress], _ body: @Sendable ([(host: String, port: Int)]) async throws -> Void
    ) async throws {
        let (bound, boundInput) = AsyncStream.makeStream(of: (host: String, port: Int).self)
        let app = QuietApplication(
            router: router(), addresses: addresses, logger: Logger(label: "test"),
            onServerRunning: { channel in
                boundInput.yield((channel.localAddress?.ipAddress ?? "", channel.localAddress?.port ?? 0))
            })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var ports: [(host: String, port: Int)] = []
            for await address in bound {
                ports.append(address)
                if ports.count == addresses.count { break }
            }
            try await body(ports.sorted { $0.host < $1.host })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func get(_ path: String, host: String, port: Int) async throws -> TestClient.Response {
        let client = TestClient(host: host, port: port, configuration: .init(timeout: .seconds(10)))
        client.connect()
        do {
            let response = try await client.get(path)
            try await client.shutdown()
            return response
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test("serves one router on every address, each response dated")
    func servesEveryAddress() async throws {
        try await Self.serving([.hostname("127.0.0.1", port: 0), .hostname("127.0.0.2", port: 0)]) { bound in
            #expect(bound.map(\.host) == ["127.0.0.1", "127.0.0.2"])
            for (host, port) in bound {
                let before = Date()
                let response = try await Self.get("/hello", host: host, port: port)
                #expect(response.status == .ok)
                #expect(response.body.map { String(buffer: $0) } == "hello")
                let date = try #require(response.headers[.date])
                let expected = [before, Date()].map(HTTPDateHeader.format)
                #expect(expected.contains(date), "Date \(date) not within the request's second(s) \(expected)")
            }
        }
    }

    @Test("an error the router lets through is a 500, as in Hummingbird's Application")
    func unhandledErrorIsInternalServerError() async throws {
        try await Self.serving([.hostname("127.0.0.1", port: 0)]) { bound in
            let response = try await Self.get("/broken", host: bound[0].host, port: bound[0].port)
            #expect(response.status == .internalServerError)
            #expect(response.headers[.date] != nil)
        }
    }

    @Test("an address that cannot be bound ends the run with its error")
    func unbindableAddressFails() async throws {
        // 192.0.2.0/24 is TEST-NET-1: never an address of this machine.
        let app = QuietApplication(
            router: Self.router(), addresses: [.hostname("192.0.2.1", port: 0)], logger: Logger(label: "test"))
        await #expect(throws: (any Error).self) {
            try await app.run()
        }
    }
}
