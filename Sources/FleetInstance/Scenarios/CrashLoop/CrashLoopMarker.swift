#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The small file that keeps scenario7 on across the restarts it causes.
///
/// The crash loop must outlive the process it kills, and the supervisor starts every instance
/// fresh; so the scenario leaves this marker in the instance's own data folder, and a process
/// that finds it at start resumes the loop. A stop removes it; so does the supervisor's cleanup
/// of the data folders at shutdown.
///
/// The marker holds the parent's pid (the supervisor that restarts the instance). A marker of
/// another parent is stale — its fleet was killed before it could clean up — and is removed
/// instead of resumed, so a new fleet on the same data folder starts healthy.
public struct CrashLoopMarker: Sendable, Equatable {
    /// `<instance data folder>/scenario7.crashloop`.
    public let path: String

    public init(dataDirectory: String) {
        path = (dataDirectory as NSString).appendingPathComponent("scenario7.crashloop")
    }

    /// Whether a marker exists at all, whoever left it.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether a previous process under the same parent was in the crash loop when it exited.
    public var isSetByThisParent: Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data, as: UTF8.self) == Self.owner
    }

    /// Marks the loop as on for this parent; returns false when the file cannot be written (the
    /// loop then still crashes once, but does not come back).
    @discardableResult
    public func set() -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(Self.owner.utf8))
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// What the marker holds: the parent's pid.
    private static var owner: String { "parent \(getppid())\n" }
}
