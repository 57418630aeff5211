import FleetModel
import Foundation
import Testing

/// The versioned JSON of the control plane, as other languages' clients send it.
@Suite struct ControlProtocolTests {
    func decode(_ json: String) throws(ControlProtocolError) -> ControlRequest {
        try ControlProtocol.decode(ControlRequest.self, from: Array(json.utf8))
    }

    func text(_ message: some Encodable) -> String {
        String(decoding: ControlProtocol.encode(message), as: UTF8.self)
    }

    @Test func aRequestFromAnotherLanguageDecodes() throws {
        let request = try decode(#"{"v": 1, "type": "start", "id": "x", "scenario": "scenario3", "instances": ["svc-01"], "extra": true}"#)
        #expect(request == ControlRequest(.start(.scenario3, on: .ids(["svc-01"])), id: "x"))
        #expect(try decode(#"{"v":1,"type":"stop","scenario":"all","instances":"all"}"#).command == .stop(.all, on: .all))
        #expect(try decode(#"{"v":1,"type":"stop","scenario":"scenario2"}"#).command == .stop(.scenario(.scenario2), on: .all))
        #expect(try decode(#"{"v":1,"type":"start","scenario":"scenario1","instances":{"random":2}}"#).command
            == .start(.scenario1, on: .random(2)))
        #expect(try decode(#"{"v":1,"type":"chaos","seed":42,"duration_ms":60000}"#).command == .chaos(seed: 42, durationMs: 60000))
        #expect(try decode(#"{"v":1,"type":"chaos_stop"}"#).command == .chaosStop)
    }

    @Test(arguments: [
        ("not json", "malformed"),
        (#"{"type":"status"}"#, "malformed"),
        (#"{"v":2,"type":"status"}"#, "unsupported_version"),
        (#"{"v":"1","type":"status"}"#, "malformed"),
        (#"{"v":1,"type":"explode"}"#, "malformed"),
        (#"{"v":1,"type":"start","instances":"some"}"#, "malformed"),
        (#"{"v":1,"type":"start","instances":"all"}"#, "missing_scenario"),
        (#"{"v":1,"type":"start","scenario":"all"}"#, "unknown_scenario"),
        (#"{"v":1,"type":"stop","scenario":"scenario9"}"#, "unknown_scenario"),
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

    @Test func aRefusalKeepsTheRequestIDAndSaysWhatWasExpected() {
        do {
            _ = try decode(#"{"v":1,"type":"stop","id":"s9","scenario":"scenario9"}"#)
            Issue.record("an unknown scenario must be refused")
        } catch {
            #expect(error.requestID == "s9")
            #expect(error.description.contains("unknown scenario 'scenario9'; expected one of scenario1"))
            #expect(error.description.hasSuffix(" or all"))
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

    /// The wire is what `docs/control-protocol.md` shows, byte for byte: typed Swift values must
    /// not change a single key for other languages' clients.
    @Test func theWireStaysAsDocumented() {
        #expect(text(ControlRequest(.start(.scenario3, on: .ids(["svc-01", "svc-03"])), id: "s1"))
            == #"{"id":"s1","instances":["svc-01","svc-03"],"scenario":"scenario3","type":"start","v":1}"#)
        #expect(text(ControlRequest(.stop(.all, on: .all))) == #"{"instances":"all","scenario":"all","type":"stop","v":1}"#)
        #expect(text(ControlRequest(.chaos(seed: 42, durationMs: 1_800_000), id: "c1"))
            == #"{"duration_ms":1800000,"id":"c1","seed":42,"type":"chaos","v":1}"#)
        #expect(text(ControlRequest(.chaosStop)) == #"{"type":"chaos_stop","v":1}"#)
        #expect(text(ControlReply(id: "p1", .pong(fleet: "workshop"))) == #"{"fleet":"workshop","id":"p1","ok":true,"type":"pong","v":1}"#)
        #expect(text(ControlReply(id: "d1", .done(fleet: "workshop"))) == #"{"fleet":"workshop","id":"d1","ok":true,"type":"ok","v":1}"#)
        #expect(text(ControlReply.failure(id: "s9", code: "unknown_instance", message: "no"))
            == #"{"error":{"code":"unknown_instance","message":"no"},"id":"s9","ok":false,"type":"error","v":1}"#)
        #expect(text(ControlReply(id: "s1", .result(fleet: "w", results: [
            InstanceResult(instance: "svc-01", outcome: .started, scenario: .scenario3, latencyMs: 1.8),
        ]))) == #"{"fleet":"w","id":"s1","ok":true,"results":[{"instance":"svc-01","latency_ms":1.8,"outcome":"started","scenario":"scenario3"}],"type":"result","v":1}"#)
        #expect(text(InstanceReport(instance: "svc-01", scenario: .scenario3, .ack(id: "r12", outcome: .started)))
            == #"{"id":"r12","instance":"svc-01","outcome":"started","scenario":"scenario3","type":"ack","v":1}"#)
        #expect(text(InstanceReport(instance: "svc-01", scenario: nil, .register(pid: 42, port: 8081)))
            == #"{"instance":"svc-01","pid":42,"port":8081,"type":"register","v":1}"#)
        #expect(text(InstanceReport(instance: "svc-01", scenario: nil, .state(origin: .http)))
            == #"{"instance":"svc-01","origin":"http","type":"state","v":1}"#)
        #expect(text(SupervisorOrder.command(id: "r12", action: .start(.scenario3)))
            == #"{"action":"start","id":"r12","scenario":"scenario3","type":"command","v":1}"#)
        #expect(text(SupervisorOrder.command(id: "r13", action: .stopAll)) == #"{"action":"stop_all","id":"r13","type":"command","v":1}"#)
        #expect(text(SupervisorOrder.heartbeat) == #"{"type":"heartbeat","v":1}"#)
    }

    @Test func linkMessagesWithoutTheirFieldsAreRefused() {
        for json in [
            #"{"v":1,"type":"register","instance":"svc-01"}"#,
            #"{"v":1,"type":"ack","instance":"svc-01","id":"r1"}"#,
            #"{"v":1,"type":"state","instance":"svc-01"}"#,
        ] {
            #expect(throws: ControlProtocolError.self) { _ = try ControlProtocol.decode(InstanceReport.self, from: Array(json.utf8)) }
        }
        #expect(throws: ControlProtocolError.self) {
            _ = try ControlProtocol.decode(SupervisorOrder.self, from: Array(#"{"v":1,"type":"command","id":"r1","action":"start"}"#.utf8))
        }
    }

    @Test func eventsAndRepliesRoundTrip() throws {
        let events = [
            FleetEvent(seq: 7, time: "2026-11-25T10:00:00.000Z", .scenarioStarted(instance: "svc-02", scenario: .scenario1, origin: .http)),
            FleetEvent(seq: 8, time: "2026-11-25T10:00:00.000Z", .chaosSkipped(instance: "svc-01", scenario: .scenario3, reason: "instance down")),
            FleetEvent(seq: 9, time: "2026-11-25T10:00:00.000Z", .fleetStopping),
        ]
        for event in events {
            #expect(try ControlProtocol.decode(FleetEvent.self, from: ControlProtocol.encode(event)) == event)
        }
        #expect(text(events[0])
            == #"{"event":"scenario.started","instance":"svc-02","origin":"http","scenario":"scenario1","seq":7,"time":"2026-11-25T10:00:00.000Z","v":1}"#)
        #expect(text(events[1])
            == #"{"detail":"instance down","event":"chaos.skipped","instance":"svc-01","origin":"chaos","scenario":"scenario3","seq":8,"time":"2026-11-25T10:00:00.000Z","v":1}"#)
        let replies: [ControlReply] = [
            ControlReply(id: "r", .result(fleet: "w", results: [InstanceResult(instance: "svc-01", outcome: .alreadyRunning, scenario: .scenario3, latencyMs: 1.5)])),
            ControlReply(id: nil, .status(fleet: "w", instances: [])),
            ControlReply(id: "c", .chaos(fleet: "w", summary: ChaosSummary(seed: 1, injections: 2, durationMs: 3, journal: "/j"))),
            .failure(id: nil, code: "busy", message: "later"),
        ]
        for reply in replies {
            #expect(try ControlProtocol.decode(ControlReply.self, from: ControlProtocol.encode(reply)) == reply)
        }
    }

    @Test func eventTimesAreISO8601WithMilliseconds() {
        #expect(Date(timeIntervalSince1970: 1_764_067_327.123).iso8601Milliseconds == "2025-11-25T10:42:07.123Z")
        #expect(Date(timeIntervalSince1970: 0).iso8601Milliseconds == "1970-01-01T00:00:00.000Z")
    }
}
