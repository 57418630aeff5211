import FleetModel
import Foundation
import Logging
import Testing
import ZeroMQ
@testable import FleetSupervisor

/// The control plane's loop thread answers `busy` itself when the supervisor's command queue is
/// full, so a flood of requests never grows memory nor starves instance traffic.
@Suite struct ControlPlaneQueueTests {
    @Test func requestsPastTheQueueAreAnsweredBusyAtOnce() throws {
        let folder = NSTemporaryDirectory() + "fleetsim-plane-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plane = try ControlPlane(
            instances: .ipc(path: folder + "/i.sock"), commands: .ipc(path: folder + "/c.sock"), events: .ipc(path: folder + "/e.sock"),
            heartbeatInterval: .seconds(1), maxQueuedCommands: 2, logger: Logger(label: "test"))
        defer { plane.close() }

        // Nobody consumes `commandInbound`: two requests wait, the other three are refused.
        let context = try ZMQContext()
        defer { context.shutdown() }
        let client = try context.makeSocket(.dealer)
        defer { client.close() }
        try client.setReceiveTimeout(milliseconds: 5000)
        try client.connect("ipc://\(folder)/c.sock")
        for index in 0..<5 {
            _ = try client.send([[], ControlProtocol.encode(ControlRequest(.status, id: "q\(index)"))], wait: true)
        }
        var codes: [String] = []
        while codes.count < 3, let frames = try client.receive(wait: true) {
            let reply = try ControlProtocol.decode(ControlReply.self, from: frames.last ?? [])
            if case .error(let error) = reply.body { codes.append(error.code) }
        }
        #expect(codes == ["busy", "busy", "busy"])
    }
}
