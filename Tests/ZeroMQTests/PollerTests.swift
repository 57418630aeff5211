import Testing
import ZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Poller")
struct PollerTests {
    @Test("reports which sockets and descriptors are readable")
    func readable() throws {
        let context = try ZMQContext()
        let first = try context.makeSocket(.pull)
        _ = try bindLoopback(first)
        let second = try context.makeSocket(.pull)
        let endpoint = try bindLoopback(second)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)

        var descriptors: [Int32] = [-1, -1]
        try #require(pipe(&descriptors) == 0)
        defer {
            close(descriptors[0])
            close(descriptors[1])
        }

        let idle = try ZMQPoller.poll([first, second], fileDescriptors: [descriptors[0]], timeoutMilliseconds: 0)
        #expect(idle.readableSockets.isEmpty)
        #expect(idle.readableFDs.isEmpty)

        #expect(try push.send([bytes("wake")], wait: true))
        let sockets = try ZMQPoller.poll([first, second], fileDescriptors: [descriptors[0]], timeoutMilliseconds: 5_000)
        #expect(sockets.readableSockets == [1])
        #expect(sockets.readableFDs.isEmpty)
        #expect(try second.receive() == [bytes("wake")])

        var byte: UInt8 = 1
        #expect(write(descriptors[1], &byte, 1) == 1)
        let pipeReady = try ZMQPoller.poll([first, second], fileDescriptors: [descriptors[0]], timeoutMilliseconds: 5_000)
        #expect(pipeReady.readableSockets.isEmpty)
        #expect(pipeReady.readableFDs == [0])
    }

    @Test("times out within a bounded time and rejects unbounded waits")
    func timeout() throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        _ = try bindLoopback(pull)

        let clock = ContinuousClock()
        let start = clock.now
        let result = try ZMQPoller.poll([pull], timeoutMilliseconds: 50)
        let elapsed = clock.now - start
        #expect(result.readableSockets.isEmpty)
        #expect(elapsed >= .milliseconds(40))
        #expect(elapsed < .seconds(3))

        let error = try #require(throws: ZMQError.self) { try ZMQPoller.poll([pull], timeoutMilliseconds: -1) }
        #expect(error.code == EINVAL)
        pull.close()
        #expect(throws: ZMQError.self) { try ZMQPoller.poll([pull], timeoutMilliseconds: 0) }
    }
}
