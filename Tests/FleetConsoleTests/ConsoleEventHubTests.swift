import FleetModel
import Testing

@testable import FleetConsole

/// The hub between the supervisor's event stream and the browsers' Server-Sent Events feeds.
@Suite("Console event hub")
struct ConsoleEventHubTests {
    static func event(_ seq: UInt64) -> FleetEvent {
        FleetEvent(seq: seq, time: "2025-05-01T10:00:00.000Z", .instanceUp(instance: "svc-01", detail: "pid \(seq)"))
    }

    @Test func aFrameIsOneSSEEventWithTheWireJSON() {
        let frame = ConsoleEventHub.frame(Self.event(17))
        #expect(frame.hasPrefix("id: 17\nevent: fleet\ndata: {"))
        #expect(frame.hasSuffix("}\n\n"))
        #expect(frame.contains(#""event":"instance.up""#))
        #expect(frame.split(separator: "\n").count == 3)
    }

    @Test func aFeedGetsTheRecentEventsThenTheLiveOnesAndEndsWithTheHub() async {
        let hub = ConsoleEventHub()
        hub.publish(Self.event(1))
        guard let stream = hub.subscribe() else {
            Issue.record("no feed")
            return
        }
        hub.publish(Self.event(2))
        hub.finish()
        var frames: [String] = []
        for await frame in stream { frames.append(frame) }
        #expect(frames == [ConsoleEventHub.frame(Self.event(1)), ConsoleEventHub.frame(Self.event(2))])
        #expect(hub.subscribe() == nil)
    }

    @Test func feedsAreCappedAndRecentEventsBounded() {
        let hub = ConsoleEventHub()
        var streams: [AsyncStream<String>] = []
        for _ in 0..<ConsoleEventHub.maxSubscribers {
            if let stream = hub.subscribe() { streams.append(stream) }
        }
        #expect(streams.count == ConsoleEventHub.maxSubscribers)
        #expect(hub.subscribe() == nil)
        for seq in 1...UInt64(ConsoleEventHub.recentCapacity + 10) { hub.publish(Self.event(seq)) }
        #expect(hub.recent().count == ConsoleEventHub.recentCapacity)
        #expect(hub.recent().first?.seq == 11)
        hub.finish()
    }
}
