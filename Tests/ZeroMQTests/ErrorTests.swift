import Testing
import ZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Errors are thrown, never trapped")
struct ErrorTests {
    @Test("binding to a malformed endpoint throws a readable ZMQError", arguments: [
        "not-an-endpoint",
        "bogus://somewhere",
        "tcp://",
        "tcp://127.0.0.1:notaport",
    ])
    func malformedBind(endpoint: String) throws {
        let context = try ZMQContext()
        let socket = try context.makeSocket(.rep)
        let error = try #require(throws: ZMQError.self) { try socket.bind(endpoint) }
        #expect(error.code != 0)
        #expect(error.operation.contains(endpoint))
        #expect(error.description.contains(endpoint))
        #expect(error.description.contains("failed: "))
        #expect(!ZMQError.message(for: error.code).isEmpty)
    }

    @Test("connecting to a malformed endpoint throws")
    func malformedConnect() throws {
        let context = try ZMQContext()
        let socket = try context.makeSocket(.dealer)
        #expect(throws: ZMQError.self) { try socket.connect("nowhere") }
        #expect(throws: ZMQError.self) { try socket.disconnect("tcp://127.0.0.1:1") }
    }

    @Test("invalid option values throw EINVAL")
    func invalidOptions() throws {
        let context = try ZMQContext()
        let dealer = try context.makeSocket(.dealer)
        let empty = try #require(throws: ZMQError.self) { try dealer.setRoutingID([]) }
        #expect(empty.code == EINVAL)
        #expect(empty.description.contains("ZMQ_ROUTING_ID"))
        #expect(throws: ZMQError.self) { try dealer.setRoutingID([UInt8](repeating: 1, count: 300)) }
        #expect(throws: ZMQError.self) { try dealer.subscribe(bytes("only for SUB")) }
    }

    @Test("a message with no frames is rejected")
    func emptyMessage() throws {
        let context = try ZMQContext()
        let push = try context.makeSocket(.push)
        let error = try #require(throws: ZMQError.self) { try push.send([]) }
        #expect(error.code == EINVAL)
    }

    @Test("out-of-turn and unsupported operations throw")
    func wrongStateOrPattern() throws {
        let context = try ZMQContext()
        let request = try context.makeSocket(.req)
        let outOfTurn = try #require(throws: ZMQError.self) { try request.receive() }
        #expect(outOfTurn.code == ZMQError.Code.wrongState)

        let subscriber = try context.makeSocket(.sub)
        let unsupported = try #require(throws: ZMQError.self) { try subscriber.send([bytes("x")]) }
        #expect(unsupported.code == ENOTSUP)
    }

    @Test("a closed socket throws ENOTSOCK and close is idempotent")
    func closedSocket() throws {
        let context = try ZMQContext()
        let socket = try context.makeSocket(.pair)
        #expect(!socket.isClosed)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        #expect(socket.lastEndpoint == nil)
        let error = try #require(throws: ZMQError.self) { try socket.send([bytes("x")]) }
        #expect(error.code == ENOTSOCK)
        #expect(throws: ZMQError.self) { try socket.receive() }
        #expect(throws: ZMQError.self) { try socket.bind("tcp://127.0.0.1:*") }
        #expect(throws: ZMQError.self) { try socket.setLinger(milliseconds: 0) }
    }
}
