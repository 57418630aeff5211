import Foundation
import FleetModel

/// Helpers shared by the FleetChaos test files.
enum TestSupport {
    /// The text of `Fixtures/<name>` from the test bundle.
    static func fixture(_ name: String) throws -> String {
        let url = try fixtureURL(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The URL of `Fixtures/<name>` in the test bundle.
    static func fixtureURL(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name)"])
        }
        return url
    }

    /// Rewrites `Fixtures/<name>` in the source tree (not the bundle) when the environment has
    /// `FLEETCHAOS_UPDATE_FIXTURES=1`; returns whether it did. Used once to create golden
    /// files, which are then inspected by eye and committed.
    static func updateFixtureIfRequested(_ name: String, text: String, filePath: String = #filePath) throws -> Bool {
        guard ProcessInfo.processInfo.environment["FLEETCHAOS_UPDATE_FIXTURES"] == "1" else { return false }
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        try text.write(to: directory.appendingPathComponent(name), atomically: false, encoding: .utf8)
        return true
    }

    /// A fresh, empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("fleetchaos-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `svc-01` … `svc-NN`, as `FleetConfig` names them.
    static func instanceIDs(_ count: Int) -> [String] {
        var config = FleetConfig()
        config.fleet.instances = count
        return config.instanceIDs
    }
}
