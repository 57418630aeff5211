import Foundation
import Testing

import FleetModel

/// The `traffic_*` commands, the `traffic` reply, the `traffic.*` events and the traffic link
/// order, as `docs/control-protocol.md` documents them for pyzmq clients.
@Suite("Traffic protocol")
struct TrafficProtocolTests {
    func request(_ json: String) throws(ControlProtocolError) -> ControlRequest {
        try ControlProtocol.decode(ControlRequest.self, from: Array(json.utf8))
    }

    func text(_ message: some Encodable) -> String {
        String(decoding: ControlProtocol.encode(message), as: UTF8.self)
    }

    @Test func commandsFromAnotherLanguageDecode() throws {
        #expect(try request(#"{"v":1,"type":"traffic_status"}"#).command == .trafficStatus)
        #expect(try request(#"{"v":1,"type":"traffic_pause","id":"t3"}"#).command == .trafficPause)
        #expect(try request(#"{"v":1,"type":"traffic_resume"}"#).command == .trafficResume)
        #expect(try request(#"{"v":1,"type":"traffic_set","rate":10,"skew":0.8}"#).command
            == .trafficSet(TrafficAdjustment(rate: 10, skew: 0.8)))
    }

    @Test func aSetWithoutValuesIsRefusedWithItsID() {
        do {
            _ = try request(#"{"v":1,"type":"traffic_set","id":"t9"}"#)
            Issue.record("accepted a traffic_set without values")
        } catch {
            #expect(error.code == "missing_value")
            #expect(error.requestID == "t9")
        }
    }

    @Test func theWireStaysAsDocumented() throws {
        #expect(text(ControlRequest(.trafficSet(TrafficAdjustment(rate: 10)), id: "t2"))
            == #"{"id":"t2","rate":10,"type":"traffic_set","v":1}"#)
        let event = FleetEvent(seq: 3, time: "2026-11-25T10:42:07.123Z", .trafficPaused(.init(rate: 5, skew: 0.5, amplitude: 0.5, paused: true)))
        #expect(text(event)
            == #"{"event":"traffic.paused","seq":3,"time":"2026-11-25T10:42:07.123Z","traffic":{"amplitude":0.5,"paused":true,"rate":5,"skew":0.5},"v":1}"#)
        #expect(try ControlProtocol.decode(FleetEvent.self, from: ControlProtocol.encode(event)) == event)
        let order = TrafficOrder(seed: 7, elapsedMs: 61000, parameters: .init(rate: 5, skew: 0.5, amplitude: 0.5))
        #expect(text(order)
            == #"{"amplitude":0.5,"elapsed_ms":61000,"paused":false,"rate":5,"seed":7,"skew":0.5,"type":"traffic_settings","v":1}"#)
    }

    @Test func theStatusReplyRoundTrips() throws {
        let status = TrafficStatus(
            seed: 7, parameters: .init(rate: 5, skew: 0.5, amplitude: 0.5), periodMs: 600_000, phase: 0.25,
            timeOfDay: "12:00", targetRate: 37.5, generator: "running",
            instances: [TrafficShare(id: "svc-01", zone: "zone-a", version: "v1", weight: 1.2, share: 0.24, rate: 9)])
        let reply = ControlReply(id: "t1", .traffic(fleet: "workshop", status: status))
        let wire = text(reply)
        #expect(wire.contains(#""type":"traffic""#) && wire.contains(#""time_of_day":"12:00""#) && wire.contains(#""period_ms":600000"#))
        #expect(try ControlProtocol.decode(ControlReply.self, from: Array(wire.utf8), maxBytes: 1 << 20) == reply)
    }
}
