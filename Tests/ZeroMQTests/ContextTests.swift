import Foundation
import Testing
import ZeroMQ

@Suite("Context")
struct ContextTests {
    @Test("shutdown unblocks a blocked receive on another thread with ETERM, and is idempotent")
    func shutdownUnblocks() async throws {
        let context = try ZMQContext()
        let outcome = LateBox<Result<Int32, ZMQError>>()
        let entered = Recorder<Bool>()

        // The socket is made, used and closed on its own thread: sockets belong to one thread.
        let thread = Thread {
            do {
                let pull = try context.makeSocket(.pull)
                defer { pull.close() }
                _ = try pull.bind("tcp://127.0.0.1:*")
                try pull.setReceiveTimeout(milliseconds: 10_000)  // safety net only
                entered.append(true)
                _ = try pull.receive(wait: true)
                outcome.value = .success(0)
            } catch let error as ZMQError {
                outcome.value = .failure(error)
            } catch {
                outcome.value = .failure(ZMQError(code: -1, operation: "\(error)"))
            }
        }
        thread.start()
        #expect(await waitUntil { entered.count == 1 || outcome.value != nil })

        let clock = ContinuousClock()
        let start = clock.now
        context.shutdown()
        context.shutdown()
        #expect(await waitUntil { outcome.value != nil })
        #expect(clock.now - start < .seconds(3))
        guard case .failure(let error) = outcome.value else {
            Issue.record("receive was not interrupted: \(String(describing: outcome.value))")
            return
        }
        #expect(error.isContextTerminated)
        #expect(throws: ZMQError.self) { try context.makeSocket(.pull) }
    }

    @Test("a context outlives its sockets and terminates once they are gone")
    func lifetime() throws {
        var socket: ZMQSocket? = try {
            let context = try ZMQContext()
            return try context.makeSocket(.dealer)
        }()
        // The context is only referenced by the socket now; using the socket still works.
        try socket?.connect("tcp://127.0.0.1:1")
        #expect(try socket?.send([bytes("queued")]) == true)
        socket = nil  // closes the socket (linger 0), then terminates the context without blocking
    }
}
