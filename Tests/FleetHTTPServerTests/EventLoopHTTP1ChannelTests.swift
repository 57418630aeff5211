import Hummingbird
import Logging
import NIOPosix
import ServiceLifecycle
import Testing

@testable import FleetHTTPServer

@Suite("Connections served on their event loop")
struct EventLoopHTTP1ChannelTests {
    /// "loop" when the calling code runs on a NIO event loop thread, "pool" otherwise.
    static func whereRunning() -> String {
        MultiThreadedEventLoopGroup.currentEventLoop == nil ? "pool" : "loop"
    }

    /// `/where`: where the handler starts, and where it is after a suspension (a sleep) and
    /// after a call to a default actor, as "start sleep actor".
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        let counter = Counter()
        router.get("/where") { _, _ in
            let start = whereRunning()
            try await Task.sleep(for: .milliseconds(1))
            let afterSleep = whereRunning()
            await counter.increment()
            return "\(start) \(afterSleep) \(whereRunning())"
        }
        return router
    }

    actor Counter {
        var value = 0
        func increment() { value += 1 }
    }

    /// Serves `router()` with `server` on a free loopback port and returns the body of `/where`.
    static func whereServed(_ server: HTTPServerBuilder) async throws -> String {
        let (bound, boundInput) = AsyncStream.makeStream(of: Int.self)
        let app = QuietApplication(
            router: router(), addresses: [.hostname("127.0.0.1", port: 0)], server: server,
            logger: Logger(label: "test"),
            onServerRunning: { boundInput.yield($0.localAddress?.port ?? 0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await bound in bound {
                port = bound
                break
            }
            let response = try await QuietApplicationTests.get("/where", host: "127.0.0.1", port: port)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            #expect(response.status == .ok)
            return response.body.map { String(buffer: $0) } ?? ""
        }
    }

    @Test("with http1OnEventLoop the handler runs on the event loop, also after suspending")
    func handlerOnEventLoop() async throws {
        #expect(try await Self.whereServed(.http1OnEventLoop()) == "loop loop loop")
    }

    @Test("Hummingbird's plain http1 runs the handler on the global pool (the hop this avoids)")
    func plainHTTP1OnPool() async throws {
        #expect(try await Self.whereServed(.http1()) == "pool pool pool")
    }
}
