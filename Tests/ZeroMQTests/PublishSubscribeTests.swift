import Testing
import ZeroMQ

@Suite("PUB/SUB")
struct PublishSubscribeTests {
    @Test("a subscriber receives only topics with its prefix")
    func prefixFiltering() async throws {
        let context = try ZMQContext()
        let publisher = try context.makeSocket(.pub)
        let endpoint = try bindLoopback(publisher)
        let subscriber = try makeSocket(context, .sub, receiveTimeout: 20)
        try subscriber.subscribe(bytes("weather."))
        try subscriber.connect(endpoint)

        // Subscriptions travel to the publisher asynchronously ("slow joiner"): publish until
        // the first matching message arrives, within a deadline.
        var received: [[[UInt8]]] = []
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while received.isEmpty, ContinuousClock.now < deadline {
            try publisher.send([bytes("news.sync"), bytes("x")])
            try publisher.send([bytes("weather.sync"), bytes("x")])
            if let frames = try subscriber.receive(wait: true) { received.append(frames) }
        }
        try #require(!received.isEmpty, "the subscription never reached the publisher")

        try publisher.send([bytes("news.1"), bytes("skip")])
        try publisher.send([bytes("weather.2"), bytes("sunny")])
        try publisher.send([bytes("weather.end"), bytes("done")])
        try subscriber.setReceiveTimeout(milliseconds: 5_000)
        while let frames = try subscriber.receive(wait: true) {
            received.append(frames)
            if frames.first == bytes("weather.end") { break }
        }

        #expect(received.last?.first == bytes("weather.end"))
        #expect(received.contains([bytes("weather.2"), bytes("sunny")]))
        for frames in received {
            #expect(text(frames[0]).hasPrefix("weather."), "unexpected topic \(text(frames[0]))")
            #expect(frames.count == 2)
        }
    }
}
