import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a fleet's data folder (its `supervisor.lock`).
///
/// Two supervisors on one folder would steal each other's ipc sockets and delete each other's
/// files; the second one is refused instead. The kernel drops the lock when the process dies,
/// so a crashed supervisor never blocks the next start.
public final class FleetLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Why the folder could not be locked.
    public struct LockError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates the data folder if needed and takes the lock (`FleetConfig.supervisorLockPath`),
    /// or throws at once.
    public init(path: String) throws {
        let dataDirectory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        self.path = path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LockError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LockError(
                description: "another fleet supervisor is running with data folder \(dataDirectory) (run `fleet down` first, or use another --data-dir)")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Deletes the lock file and releases the lock.
    public func release() {
        unlink(path)
        close(descriptor)
    }
}
