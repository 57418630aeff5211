import FleetModel
import Foundation
import Testing
@testable import FleetSupervisor
#if canImport(Glibc)
import Glibc
#endif

@Suite struct PreflightTests {
    /// Binds a listening socket on loopback and returns it with its port.
    func occupyPort() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(descriptor, raw, length) == 0, listen(descriptor, 1) == 0, getsockname(descriptor, raw, &length) == 0 else {
                    throw Preflight.Refusal(description: "cannot bind a test socket")
                }
            }
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aTakenPortIsRefusedWithItsOwner() throws {
        let (descriptor, port) = try occupyPort()
        defer { close(descriptor) }
        var config = FleetConfig()
        // One instance on the taken port itself: the port next to an ephemeral one may belong
        // to anything else running on the machine.
        config.fleet.instances = 1
        config.fleet.basePort = port
        #expect(!Preflight.isFree(host: "127.0.0.1", port: port))
        let error = #expect(throws: Preflight.Refusal.self) { try Preflight.checkPorts(config) }
        #expect(error?.description.contains("port \(port) (instance svc-01) is already in use") == true)
    }

    @Test func twoServersOnOnePortAreRefused() {
        var config = FleetConfig()
        config.fleet.instances = 2
        config.fleet.basePort = 40001
        let error = #expect(throws: Preflight.Refusal.self) {
            try Preflight.checkPorts(config, extraPorts: [("prometheus", 40002)])
        }
        #expect(error?.description.contains("wanted by both") == true)
    }
}
