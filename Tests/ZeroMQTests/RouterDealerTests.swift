import Testing
import ZeroMQ

@Suite("ROUTER/DEALER")
struct RouterDealerTests {
    @Test("the router sees routing ids and replies reach the right dealer among two")
    func routingIDs() throws {
        let context = try ZMQContext()
        let router = try makeSocket(context, .router)
        let endpoint = try bindLoopback(router)

        var dealers: [String: ZMQSocket] = [:]
        for id in ["dealer-1", "dealer-2"] {
            let dealer = try makeSocket(context, .dealer)
            try dealer.setRoutingID(bytes(id))
            try dealer.connect(endpoint)
            #expect(try dealer.send([bytes("hello from \(id)")], wait: true))
            dealers[id] = dealer
        }

        var seen: Set<String> = []
        for _ in 0..<2 {
            let frames = try #require(try router.receive(wait: true))
            try #require(frames.count == 2)
            let id = text(frames[0])
            #expect(text(frames[1]) == "hello from \(id)")
            seen.insert(id)
        }
        #expect(seen == ["dealer-1", "dealer-2"])

        // Reply in the opposite order to show delivery follows the id, not arrival order.
        for id in ["dealer-2", "dealer-1"] {
            #expect(try router.send([bytes(id), bytes("for \(id)")]))
        }
        for (id, dealer) in dealers {
            let reply = try #require(try dealer.receive(wait: true))
            #expect(reply == [bytes("for \(id)")])
        }
    }

    @Test("with router mandatory, sending to an unknown routing id returns false")
    func routerMandatoryUnknownPeer() throws {
        let context = try ZMQContext()
        let router = try makeSocket(context, .router)
        try router.setRouterMandatory(true)
        let endpoint = try bindLoopback(router)

        #expect(try router.send([bytes("nobody"), bytes("lost")]) == false)

        // A known peer still works on the same socket.
        let dealer = try makeSocket(context, .dealer)
        try dealer.setRoutingID(bytes("known"))
        try dealer.connect(endpoint)
        #expect(try dealer.send([bytes("hi")], wait: true))
        let frames = try #require(try router.receive(wait: true))
        #expect(frames == [bytes("known"), bytes("hi")])
        #expect(try router.send([bytes("known"), bytes("back")]))
        #expect(try dealer.receive(wait: true) == [bytes("back")])
    }
}
