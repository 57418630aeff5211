import Foundation
import FleetTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `/docs` page's token field in a real browser: headless Chromium, driven over the DevTools
/// protocol by `chromium/docs_token.py`, types a token and clicks scenario4's Start button, the
/// way a student would. Needs `chromium` and python's websocket-client; under CI a missing one
/// fails instead of skipping.
extension MultiProcessTests {
@Suite(.serialized)
struct DocsTokenFieldTests {
    static let hasWebsocketClient: Bool = {
        (try? CommandResult.run("/usr/bin/env", ["python3", "-c", "import websocket"]).status) == 0
    }()
    static let runsHere = ExternalRequirement.shouldRun(
        ExternalRequirement.executable(named: "chromium") != nil && hasWebsocketClient)

    static let basePort = 30581
    static let devToolsPort = 30590

    @Test(.enabled(if: runsHere, "needs chromium and python3's websocket-client"))
    func theButtonsSendTheTokenTypedIntoTheField() async throws {
        let fleet = try TestFleet(
            name: "docs-token", instances: 2, basePort: Self.basePort,
            extraYAML: "classroom:\n  scenario_control: owner\n  students: [Ada, Grace]\n")
        defer { fleet.tearDown() }
        try await fleet.up(timeout: .seconds(60))
        let roster = try fleet.cli(["roster", "--format", "csv"])
        let tokens = Dictionary(uniqueKeysWithValues: roster.stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }.map { ($0[0], $0[4]) })
        let ada = try #require(tokens["Ada"]), grace = try #require(tokens["Grace"])

        let script = TestFleet.repositoryRoot + "/Tests/FleetIntegrationTests/chromium/docs_token.py"
        let profile = fleet.directory + "/chromium-profile"
        // Tokens go to the script on stdin, never on a command line.
        let result = try CommandResult.run(
            "/usr/bin/env", ["python3", script, "http://127.0.0.1:\(Self.basePort)/docs", String(Self.devToolsPort), profile],
            input: "\n\(grace)\n\(ada)\n", timeout: 90)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lines == [
            "401 Unauthorized — Not authenticated",
            "403 Forbidden — Not your instance",
            "200 OK — scenario4 is running",
        ], "\(result.stdout)\(result.stderr)")
        #expect(ProcessTable.processes(whoseCommandLineContains: profile).isEmpty, "chromium left running")
    }
}
}
