import FleetClient
import FleetModel
import Foundation
import Testing
import ZeroMQ

/// The client against a stand-in supervisor: a ROUTER on its own thread that answers one
/// request with a canned reply, as any ZeroMQ server could.
@Suite struct ControlClientTests {
    /// A temporary folder for ipc sockets, removed by `defer`.
    func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "fleetclient-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Serves one request on `endpoint` from a thread of its own (a socket belongs to one
    /// thread), answering with `reply(request)`; the request is recorded in `received`.
    func serveOnce(
        on endpoint: ControlEndpointAddress, received: ReceivedRequest, reply: @escaping @Sendable (ControlRequest) -> ControlReply
    ) throws {
        let bound = DispatchSemaphore(value: 0)
        let thread = Thread {
            guard let context = try? ZMQContext() else { bound.signal(); return }
            defer { context.shutdown() }
            guard let router = try? context.makeSocket(.router) else { bound.signal(); return }
            defer { router.close() }
            _ = try? router.setReceiveTimeout(milliseconds: 5000)
            _ = try? router.bind(endpoint.description)
            bound.signal()
            guard let frames = try? router.receive(wait: true), frames.count == 3,
                  let request = try? ControlProtocol.decode(ControlRequest.self, from: frames[2])
            else { return }
            received.set(request)
            _ = try? router.send([frames[0], [], ControlProtocol.encode(reply(request))], wait: true)
        }
        thread.start()
        #expect(bound.wait(timeout: .now() + 5) == .success, "the stand-in server did not bind")
    }

    @Test func aRequestIsSentTypedAndItsReplyDecoded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let endpoint = ControlEndpointAddress.ipc(path: folder + "/control.sock")
        let received = ReceivedRequest()
        try serveOnce(on: endpoint, received: received) { request in
            ControlReply(id: request.id, .result(fleet: "lab", results: [InstanceResult(instance: "svc-02", outcome: .started, scenario: .scenario1)]))
        }
        let body = try ControlClient(endpoint: endpoint, timeout: .seconds(5)).send(.start(.scenario1, on: .ids(["svc-02"])), id: "s1")
        #expect(body == .result(fleet: "lab", results: [InstanceResult(instance: "svc-02", outcome: .started, scenario: .scenario1)]))
        #expect(received.value == ControlRequest(.start(.scenario1, on: .ids(["svc-02"])), id: "s1"))
    }

    @Test func anErrorReplyIsThrownWithItsCode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let endpoint = ControlEndpointAddress.ipc(path: folder + "/control.sock")
        try serveOnce(on: endpoint, received: ReceivedRequest()) { request in
            .failure(id: request.id, code: "unknown_instance", message: "unknown instance svc-09")
        }
        do {
            _ = try ControlClient(endpoint: endpoint, timeout: .seconds(5)).send(.status)
            Issue.record("an error reply must throw")
        } catch let error as FleetClientError {
            guard case .refused(let body) = error else {
                Issue.record("expected a refusal, got \(error)")
                return
            }
            #expect(body.code == "unknown_instance")
            #expect(error.description == "unknown instance svc-09 [unknown_instance]")
        }
    }

    @Test func aMissingSocketMeansTheFleetIsNotRunning() throws {
        let endpoint = ControlEndpointAddress.ipc(path: NSTemporaryDirectory() + "fleetclient-absent-\(UUID().uuidString)/control.sock")
        #expect(throws: FleetClientError.self) { _ = try ControlClient(endpoint: endpoint, timeout: .seconds(1)).send(.ping) }
        #expect(throws: FleetClientError.self) { _ = try EventSubscriber(endpoint: endpoint) }
    }

    @Test func aSilentServerTimesOutWithinTheBound() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let endpoint = ControlEndpointAddress.ipc(path: folder + "/control.sock")
        let context = try ZMQContext()
        defer { context.shutdown() }
        let silent = try context.makeSocket(.router)
        defer { silent.close() }
        try silent.bind(endpoint.description)
        let started = ContinuousClock.now
        #expect(throws: FleetClientError.self) { _ = try ControlClient(endpoint: endpoint, timeout: .milliseconds(300)).send(.ping) }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func theSubscriberDecodesPublishedEvents() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let endpoint = ControlEndpointAddress.ipc(path: folder + "/events.sock")
        let context = try ZMQContext()
        defer { context.shutdown() }
        let publisher = try context.makeSocket(.pub)
        defer { publisher.close() }
        try publisher.bind(endpoint.description)
        let subscriber = try EventSubscriber(endpoint: endpoint, pollInterval: .milliseconds(50))
        let event = FleetEvent(seq: 1, time: "2026-12-02T00:00:00.000Z", .instanceUp(instance: "svc-01", detail: "pid 1"))
        // A subscription takes a moment to reach the publisher: publish until one arrives (bounded).
        var received: EventSubscriber.Received?
        for _ in 0..<100 where received == nil {
            _ = try publisher.send([Array("instance.up".utf8), ControlProtocol.encode(event)])
            received = try subscriber.next()
        }
        #expect(received?.event == event)
    }
}

/// The request the stand-in server received, set on its thread.
final class ReceivedRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ControlRequest?

    func set(_ request: ControlRequest) { lock.withLock { stored = request } }
    var value: ControlRequest? { lock.withLock { stored } }
}
