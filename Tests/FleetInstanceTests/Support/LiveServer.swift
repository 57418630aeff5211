import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import FleetInstance

/// Runs an instance's router on a real loopback port for the duration of `body`.
///
/// The runtime's identity must carry the port (scenario3's client calls its own port), so the port
/// is chosen before the server starts, with `freeLoopbackPort()`.
enum LiveServer {
    struct NotStarted: Error {}

    /// The authority the tests' own client sends (`Host` header), distinct from scenario3's
    /// `localhost:<port>`.
    static let clientAuthority = "test-client"

    static func run<Value: Sendable>(
        runtime: InstanceRuntime, _ body: @Sendable (TestClient) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "fleet-instance-tests")
        logger.logLevel = .error
        let (ready, readyContinuation) = AsyncStream.makeStream(of: Void.self)
        let app = Application(
            router: InstanceRouter.build(runtime: runtime),
            configuration: .init(address: .hostname(runtime.identity.host, port: runtime.identity.port)),
            onServerRunning: { _ in readyContinuation.finish() },
            logger: logger)
        var configuration = ServiceGroupConfiguration(services: [app], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        configuration.maximumCancellationDuration = .seconds(2)
        let serviceGroup = ServiceGroup(configuration: configuration)

        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serviceGroup.run() }
            // Bounded wait for the listening socket; a failed bind ends the server task instead.
            let started = await withDeadline(.seconds(10)) {
                for await _ in ready {}
                return !Task.isCancelled
            } ?? false
            guard started else {
                await serviceGroup.triggerGracefulShutdown()
                group.cancelAll()
                throw NotStarted()
            }
            let client = TestClient(host: runtime.identity.host, port: runtime.identity.port)
            client.connect()
            do {
                let value = try await body(client)
                try? await client.shutdown()
                await runtime.controller.stopAll(origin: .shutdown)
                await serviceGroup.triggerGracefulShutdown()
                try await group.waitForAll()
                return value
            } catch {
                try? await client.shutdown()
                await runtime.controller.stopAll(origin: .shutdown)
                await serviceGroup.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}

extension TestClient {
    /// Sends a request with the tests' own `Host`.
    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> TestClient.Response {
        try await execute(
            TestClient.Request(
                uri, method: method, authority: LiveServer.clientAuthority,
                headers: body == nil ? [:] : [.contentType: "application/json"],
                body: body.map { ByteBuffer(string: $0) }))
    }

    /// Scrapes `/metrics` and parses it.
    func scrape() async throws -> Exposition {
        let response = try await send(.get, "/metrics")
        return try Exposition(response.body.map { String(buffer: $0) } ?? "")
    }
}

extension TestClient.Response {
    var text: String { body.map { String(buffer: $0) } ?? "" }
}
