import Testing
import ZeroMQ

@Suite("Receiving")
struct ReceiveTests {
    @Test("a non-blocking receive on an empty socket returns nil")
    func emptyNonBlocking() throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        _ = try bindLoopback(pull)
        #expect(try pull.receive() == nil)
        #expect(try pull.receive(wait: false) == nil)
    }

    @Test("a blocking receive returns nil once the receive timeout passed")
    func receiveTimeout() throws {
        let context = try ZMQContext()
        let pull = try context.makeSocket(.pull)
        _ = try bindLoopback(pull)
        try pull.setReceiveTimeout(milliseconds: 100)

        let clock = ContinuousClock()
        let start = clock.now
        let frames = try pull.receive(wait: true)
        let elapsed = clock.now - start
        #expect(frames == nil)
        #expect(elapsed >= .milliseconds(90))
        #expect(elapsed < .seconds(3))
    }

    @Test("empty frames survive a round trip")
    func emptyFrames() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        let endpoint = try bindLoopback(pull)
        let push = try makeSocket(context, .push)
        try push.connect(endpoint)
        #expect(try push.send([[], [0], []], wait: true))
        #expect(try pull.receive(wait: true) == [[], [0], []])
    }

    @Test("an oversized message is dropped and the socket keeps working for normal ones")
    func maxMessageSize() throws {
        let context = try ZMQContext()
        let pull = try makeSocket(context, .pull)
        try pull.setMaxMessageSize(64)
        let endpoint = try bindLoopback(pull)

        let oversized = try makeSocket(context, .push)
        try oversized.connect(endpoint)
        let normal = try makeSocket(context, .push)
        try normal.connect(endpoint)

        #expect(try oversized.send([[UInt8](repeating: 7, count: 1_000)], wait: true))
        #expect(try normal.send([bytes("small one")], wait: true))
        #expect(try pull.receive(wait: true) == [bytes("small one")])

        #expect(try normal.send([bytes("small two")], wait: true))
        #expect(try pull.receive(wait: true) == [bytes("small two")])

        // The oversized sender was disconnected; its message never arrives.
        try pull.setReceiveTimeout(milliseconds: 300)
        #expect(try pull.receive(wait: true) == nil)
    }
}
