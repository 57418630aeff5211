import Foundation
import Testing
@testable import FleetSupervisor

@Suite struct FleetLockTests {
    @Test func aSecondLockOnTheSameFolderIsRefusedUntilReleased() throws {
        let directory = NSTemporaryDirectory() + "fleetsim-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try FleetLock(dataDirectory: directory)
        #expect(throws: FleetLock.LockError.self) { _ = try FleetLock(dataDirectory: directory) }
        first.release()
        #expect(!FileManager.default.fileExists(atPath: first.path))
        let second = try FleetLock(dataDirectory: directory)
        second.release()
    }
}
