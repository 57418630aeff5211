import Testing
import ZeroMQ

@Suite("REQ/REP")
struct RequestReplyTests {
    @Test("round trip over ipc in a temporary folder")
    func roundTripOverIPC() throws {
        try withTemporaryDirectory { directory in
            let context = try ZMQContext()
            let reply = try makeSocket(context, .rep)
            try reply.bind("ipc://\(directory)/rr.sock")
            let request = try makeSocket(context, .req)
            try request.connect("ipc://\(directory)/rr.sock")

            try roundTrip(request: request, reply: reply)
            request.close()
            reply.close()
        }
    }

    @Test("round trip over loopback tcp, resolved with lastEndpoint")
    func roundTripOverTCP() throws {
        let context = try ZMQContext()
        let reply = try makeSocket(context, .rep)
        let endpoint = try bindLoopback(reply)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(!endpoint.hasSuffix(":*"))
        let request = try makeSocket(context, .req)
        try request.connect(endpoint)

        try roundTrip(request: request, reply: reply)
        try roundTrip(request: request, reply: reply)
    }

    private func roundTrip(request: ZMQSocket, reply: ZMQSocket) throws {
        #expect(try request.send([bytes("ping"), [], bytes("two")], wait: true))
        let received = try #require(try reply.receive(wait: true))
        #expect(received == [bytes("ping"), [], bytes("two")])
        #expect(try reply.send([bytes("pong")], wait: true))
        let answer = try #require(try request.receive(wait: true))
        #expect(answer == [bytes("pong")])
    }
}
