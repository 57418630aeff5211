import Foundation

/// The small file that keeps scenario7 on across the restarts it causes.
///
/// The crash loop must outlive the process it kills, and the supervisor starts every instance
/// fresh; so the scenario leaves this marker in the instance's own data folder, and a process
/// that finds it at start resumes the loop. A stop removes it; so does the supervisor's cleanup
/// of the data folders at shutdown.
public struct CrashLoopMarker: Sendable, Equatable {
    /// `<instance data folder>/scenario7.crashloop`.
    public let path: String

    public init(dataDirectory: String) {
        path = (dataDirectory as NSString).appendingPathComponent("scenario7.crashloop")
    }

    /// Whether a previous process of this instance was in the crash loop when it exited.
    public var isSet: Bool { FileManager.default.fileExists(atPath: path) }

    /// Marks the loop as on; returns false when the file cannot be written (the loop then still
    /// crashes once, but does not come back).
    @discardableResult
    public func set() -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data("scenario7\n".utf8))
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
