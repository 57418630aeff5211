import FleetModel
import Foundation
import Testing

/// The versioned JSON of the control plane, as other languages' clients send it.
@Suite struct ControlProtocolTests {
    func decode(_ json: String) throws(ControlProtocolError) -> ControlRequest {
        try ControlProtocol.decode(ControlRequest.self, from: Array(json.utf8))
    }

    @Test func aRequestFromAnotherLanguageDecodes() throws {
        let request = try decode(#"{"v": 1, "type": "start", "id": "x", "scenario": "scenario3", "instances": ["svc-01"], "extra": true}"#)
        #expect(request == ControlRequest(type: .start, id: "x", scenario: "scenario3", instances: .ids(["svc-01"])))
        #expect(try decode(#"{"v":1,"type":"stop","scenario":"all","instances":"all"}"#).instances == .all)
        #expect(try decode(#"{"v":1,"type":"start","scenario":"scenario1","instances":{"random":2}}"#).instances == .random(2))
        #expect(try decode(#"{"v":1,"type":"chaos","seed":42,"duration_ms":60000}"#).durationMs == 60000)
        #expect(try decode(#"{"v":1,"type":"chaos_stop"}"#).type == .chaosStop)
    }

    @Test(arguments: [
        ("not json", "malformed"),
        (#"{"type":"status"}"#, "malformed"),
        (#"{"v":2,"type":"status"}"#, "unsupported_version"),
        (#"{"v":"1","type":"status"}"#, "malformed"),
        (#"{"v":1,"type":"explode"}"#, "malformed"),
        (#"{"v":1,"type":"start","instances":"some"}"#, "malformed"),
        (#"[1,2,3]"#, "malformed"),
    ])
    func badRequestsAreRefusedWithAStableCode(json: String, code: String) {
        #expect(throws: ControlProtocolError.self) { try decode(json) }
        do {
            _ = try decode(json)
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func oversizedMessagesAreRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0x20, count: ControlProtocol.maxMessageBytes + 1)
        #expect(throws: ControlProtocolError.tooLarge(huge.count)) {
            _ = try ControlProtocol.decode(ControlRequest.self, from: huge)
        }
    }

    @Test func statusRowsAlwaysCarryScenarioAndPidEvenWhenNull() throws {
        let row = InstanceStatus(id: "svc-01", url: "http://127.0.0.1:8081", pid: nil, state: .starting, scenario: nil, restarts: 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ControlProtocol.encode(row))) as? [String: Any])
        #expect(json["scenario"] is NSNull)
        #expect(json["pid"] is NSNull)
        #expect(json["state"] as? String == "starting")
    }

    @Test func eventsAndRepliesRoundTrip() throws {
        let event = FleetEvent(seq: 7, time: "2026-11-25T10:00:00.000Z", event: .scenarioStarted, instance: "svc-02", scenario: .scenario1, origin: "http")
        #expect(try ControlProtocol.decode(FleetEvent.self, from: ControlProtocol.encode(event)) == event)
        let reply = ControlReply(type: "result", id: "r", ok: true, results: [InstanceResult(instance: "svc-01", outcome: .alreadyRunning, scenario: .scenario3, latencyMs: 1.5)])
        let bytes = ControlProtocol.encode(reply)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""outcome":"already_running""#))
        #expect(try ControlProtocol.decode(ControlReply.self, from: bytes) == reply)
    }
}
