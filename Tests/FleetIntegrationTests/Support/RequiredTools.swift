import Foundation

/// Programs a multi-process test needs besides `fleet` (`prometheus`, `curl`).
enum RequiredTools {
    /// Whether `tool` is an executable on `PATH`, as `fleet up` looks for `prometheus`.
    static func installed(_ tool: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Whether a test needing `tools` runs: when they are all installed, and always under CI
    /// (`CI` set), where a missing tool must fail the test rather than skip it.
    static func available(_ tools: String...) -> Bool {
        tools.allSatisfy(installed) || ProcessInfo.processInfo.environment["CI"] != nil
    }
}
