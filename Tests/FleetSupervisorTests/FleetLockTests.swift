import Foundation
import Testing
@testable import FleetSupervisor

@Suite struct FleetLockTests {
    @Test func aSecondLockOnTheSameFolderIsRefusedUntilReleased() throws {
        let directory = NSTemporaryDirectory() + "fleetsim-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try FleetLock(path: directory + "/supervisor.lock")
        #expect(throws: FleetLock.LockError.self) { _ = try FleetLock(path: directory + "/supervisor.lock") }
        first.release()
        #expect(!FileManager.default.fileExists(atPath: first.path))
        let second = try FleetLock(path: directory + "/supervisor.lock")
        second.release()
    }
}
