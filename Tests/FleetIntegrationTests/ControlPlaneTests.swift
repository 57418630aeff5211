import FleetModel
import Foundation
import FleetTestSupport
import Testing
import ZeroMQ

/// The control plane from the outside: any ZeroMQ client can drive a fleet, and garbage on any
/// socket is answered or dropped without harm.
extension MultiProcessTests {
@Suite(.serialized)
struct ControlPlaneTests {
    @Test(.enabled(if: ExternalRequirement.shouldRun(ExternalRequirement.pyzmqAvailable), "needs pyzmq (bash .ci/run installs it)"))
    func aPythonClientWithPyzmqDrivesTheFleet() async throws {
        try #require(ExternalRequirement.pyzmqAvailable, "pyzmq is not installed (python3 -c 'import zmq' fails)")
        let fleet = try TestFleet(name: "pyzmq", basePort: 22081)
        defer { fleet.tearDown() }
        try await fleet.up()
        let script = TestFleet.repositoryRoot + "/Tests/FleetIntegrationTests/pyzmq/drive_fleet.py"
        let result = try CommandResult.run(
            "/usr/bin/env",
            ["python3", script, "ipc://\(fleet.dataDir)/control.sock", "ipc://\(fleet.dataDir)/events.sock", "svc-02"])
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains(#""outcome": "started""#))
        #expect(try fleet.status().allSatisfy { $0.scenario == nil })
    }

    @Test func garbageOnEverySocketIsAnsweredOrDroppedAndTheFleetKeepsWorking() async throws {
        let fleet = try TestFleet(name: "garbage", basePort: 22181)
        defer { fleet.tearDown() }
        try await fleet.up()
        let context = try ZMQContext()
        defer { context.shutdown() }

        // Command endpoint, as a REQ client: every bad request gets an error reply.
        let badRequests: [([UInt8], String)] = [
            (Array("not json".utf8), "malformed"),
            (Array(#"{"v":2,"type":"status"}"#.utf8), "unsupported_version"),
            (Array(#"{"v":1,"type":"explode"}"#.utf8), "malformed"),
            (Array(#"{"v":1}"#.utf8), "malformed"),
            (Array(#"{"v":1,"type":"start","scenario":"scenario9","instances":"all"}"#.utf8), "unknown_scenario"),
            (Array(#"{"v":1,"type":"start","scenario":"scenario1","instances":{"random":0}}"#.utf8), "bad_selection"),
            ([UInt8](repeating: 0x7B, count: 70_000), ""),  // over the size limit: the peer is cut off
            ([0xFF, 0xFE, 0x00, 0x01], "malformed"),
        ]
        for (payload, code) in badRequests {
            let socket = try context.makeSocket(.req)
            defer { socket.close() }
            try socket.setReceiveTimeout(milliseconds: 1000)
            try socket.connect("ipc://\(fleet.dataDir)/control.sock")
            _ = try socket.send([payload], wait: true)
            let reply = try socket.receive(wait: true)
            if code.isEmpty {
                #expect(reply == nil, "an oversized request must not be answered")
                continue
            }
            let frames = try #require(reply, "no reply to \(String(decoding: payload.prefix(40), as: UTF8.self))")
            let decoded = try ControlProtocol.decode(ControlReply.self, from: frames.last!)
            #expect(decoded.ok == false)
            guard case .error(let error) = decoded.body else {
                Issue.record("expected an error reply, got \(decoded)")
                continue
            }
            #expect(error.code == code)
        }

        // Command endpoint as a DEALER with odd framing, and the instance endpoint with spoofed
        // and unknown ids: no reply expected, only log lines.
        let dealer = try context.makeSocket(.dealer)
        defer { dealer.close() }
        try dealer.connect("ipc://\(fleet.dataDir)/control.sock")
        _ = try dealer.send([[], [], Array("x".utf8), Array("y".utf8)])
        _ = try dealer.send([Array("no delimiter".utf8)])
        // Kept open until the end: with linger 0 a closed socket's unsent messages are discarded.
        var rogues: [ZMQSocket] = []
        defer { rogues.forEach { $0.close() } }
        for id in ["svc-01", "intruder", ""] {
            let rogue = try context.makeSocket(.dealer)
            rogues.append(rogue)
            if !id.isEmpty { try rogue.setRoutingID(Array(id.utf8)) }
            try rogue.connect("ipc://\(fleet.dataDir)/instances.sock")
            _ = try rogue.send([Array("garbage".utf8)])
            _ = try rogue.send([Array(#"{"v":1,"type":"ack","instance":"svc-01","id":"r999","outcome":"started"}"#.utf8)])
            _ = try rogue.send([Array(#"{"v":7}"#.utf8), Array("two frames".utf8)])
        }
        // The PUB endpoint accepts no input at all: a DEALER cannot even complete the handshake.
        let publisherPeer = try context.makeSocket(.dealer)
        defer { publisherPeer.close() }
        try publisherPeer.connect("ipc://\(fleet.dataDir)/events.sock")
        _ = try publisherPeer.send([Array("garbage".utf8)])

        // The fleet still works, and said what it dropped.
        let start = try fleet.cli(["start", "scenario3", "--instance", "svc-01"])
        #expect(start.status == 0, "\(start.stdout)\(start.stderr)")
        #expect(try fleet.status().map(\.state) == ["up", "up", "up"])
        #expect(try fleet.cli(["stop", "all", "--all"]).status == 0)
        try await waitUntil(timeout: .seconds(3), "log lines for the dropped messages") {
            fleet.log.contains("dropped instance message") && fleet.log.contains("dropped message from unknown instance")
        }
    }
}
}
