import Foundation

/// Programs some tests need beyond the Swift toolchain (promtool, prometheus, pyzmq).
///
/// Outside CI a test whose requirement is missing is skipped with its reason. Under CI (`CI`
/// set, as `.ci/run` runs) it runs anyway and fails on the missing requirement: CI installs
/// everything, so a missing program there is a broken install, never a reason to skip quietly.
public enum ExternalRequirement {
    /// True under CI.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// Whether a test with this requirement runs: when it is met, and always under CI.
    public static func shouldRun(_ met: Bool) -> Bool { met || isCI }

    /// The absolute path of `name` on PATH, if any.
    public static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether `python3 -c "import zmq"` works.
    public static let pyzmqAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zmq"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
