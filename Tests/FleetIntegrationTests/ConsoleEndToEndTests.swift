import FleetModel
import Foundation
import FleetTestSupport
import Testing

/// The console served by `fleet up`, over real HTTP (curl, so redirects and cookies are as a
/// browser's): it signs in with the class's tokens file, reads the fleet through the control
/// protocol (what it shows is what `fleet status` shows), changes it the same way, and feeds the
/// supervisor's events as Server-Sent Events.
extension MultiProcessTests {
@Suite(.serialized)
struct ConsoleEndToEndTests {
    static let consolePort = 31280

    /// `curl` with a cookie jar; returns the status code and the body.
    static func curl(_ arguments: [String], jar: String) throws -> (status: Int, body: String) {
        let result = try CommandResult.run(
            "/usr/bin/env", ["curl", "-s", "-b", jar, "-c", jar, "-w", "\n%{http_code}", "--max-time", "10"] + arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// Signs in with `token` into `jar` on the console at `url`; returns the session's CSRF token.
    static func signIn(_ token: String, jar: String, url: String = "http://127.0.0.1:\(consolePort)") throws -> String {
        let signIn = try curl(["--data-urlencode", "token=\(token)", url + "/signin"], jar: jar)
        #expect(signIn.status == 303)
        let me = try curl([url + "/api/me"], jar: jar)
        struct Me: Decodable { var csrf: String }
        return try JSONDecoder().decode(Me.self, from: Data(me.body.utf8)).csrf
    }

    /// The class's tokens file, as `fleet up` writes it.
    struct Tokens: Decodable {
        var instructor: String
        var students: [String: String]
    }

    /// Brings `fleet` up and waits until it prints its console's address; returns the tokens.
    static func up(_ fleet: TestFleet, consolePort: Int) async throws -> Tokens {
        try await fleet.up()
        // Instances are up before every one answered health and the ready table is printed.
        try await waitUntil(timeout: .seconds(20), "the console's address in fleet up's output") {
            fleet.log.contains("console: http://127.0.0.1:\(consolePort)/")
        }
        return try JSONDecoder().decode(
            Tokens.self, from: Data(contentsOf: URL(fileURLWithPath: fleet.dataDir + "/classroom-tokens.json")))
    }

    /// The data lines of the console's event feed (its replay of recent events, for 2 s).
    static func feed(url: String, jar: String) throws -> [Substring] {
        let events = try CommandResult.run("/usr/bin/env", ["curl", "-s", "-N", "-b", jar, "--max-time", "2", url + "/api/events"])
        return events.stdout.split(separator: "\n").filter { $0.hasPrefix("data:") }
    }

    /// A handshake instead of a guess at ZeroMQ's subscription delay (an event published before
    /// the console's subscription took effect never reaches it): starts and stops scenario3 on
    /// `instance` with the CLI until the console's feed shows it.
    static func waitUntilTheFeedIsLive(_ fleet: TestFleet, probing instance: String, url: String, jar: String) async throws {
        try await waitUntil(timeout: .seconds(20), "the console's event subscription") {
            _ = try fleet.cli(["start", "scenario3", "--instance", instance])
            _ = try fleet.cli(["stop", "all", "--instance", instance])
            return try feed(url: url, jar: jar).contains { $0.contains(#""instance":"\#(instance)""#) }
        }
    }

    @Test func theConsoleDrivesTheFleetThroughTheControlProtocol() async throws {
        let fleet = try TestFleet(
            name: "console", instances: 2, basePort: 31281, extraYAML: "classroom: { students: [Ada] }\n",
            console: "{ port: \(Self.consolePort) }")
        defer { fleet.tearDown() }
        let tokens = try await Self.up(fleet, consolePort: Self.consolePort)
        let url = "http://127.0.0.1:\(Self.consolePort)"
        let jar = fleet.directory + "/instructor.jar", studentJar = fleet.directory + "/ada.jar"

        #expect(try Self.curl([url + "/api/instances"], jar: jar).status == 401)
        let csrf = try Self.signIn(tokens.instructor, jar: jar)
        try await Self.waitUntilTheFeedIsLive(fleet, probing: "svc-01", url: url, jar: jar)
        let instances = try Self.curl([url + "/api/instances"], jar: jar)
        #expect(instances.status == 200)
        #expect(instances.body.contains(#""id":"svc-01""#) && instances.body.contains(#""owner":"Ada""#))

        let start = try Self.curl([
            "-H", "Content-Type: application/json", "-H", "X-CSRF-Token: \(csrf)",
            "--data", #"{"scenario":"scenario4","instances":["svc-02"]}"#, url + "/api/scenario/start",
        ], jar: jar)
        #expect(start.status == 200, "\(start.body)")
        #expect(start.body.contains(#""outcome":"started""#))
        // The CLI sees what the console did.
        #expect(try fleet.status().first { $0.id == "svc-02" }?.scenario == "scenario4")

        // The event feed replays the recent events first: the start is there, as the supervisor published it.
        // Bounded: on a loaded machine the ack (and so the event) may trail the reply by a moment.
        try await waitUntil(timeout: .seconds(20), "the start in the console's event feed") {
            try Self.feed(url: url, jar: jar).contains { $0.contains(#""event":"scenario.started""#) && $0.contains(#""instance":"svc-02""#) }
        }

        let adaCSRF = try Self.signIn(tokens.students["Ada"] ?? "", jar: studentJar)
        let refused = try Self.curl([
            "-H", "Content-Type: application/json", "-H", "X-CSRF-Token: \(adaCSRF)",
            "--data", #"{"scenario":"all","instances":["svc-02"]}"#, url + "/api/scenario/stop",
        ], jar: studentJar)
        #expect(refused.status == 403 && refused.body.contains("Not your instance"))
        #expect(try Self.curl([url + "/api/events"], jar: studentJar).status == 403)
        #expect(try fleet.status().first { $0.id == "svc-02" }?.scenario == "scenario4")
    }

    /// With `supervisor.control.curve: true` every control socket drops a client without the
    /// fleet's keys: the console, a client like `fleet` commands, connects with them.
    @Test func theConsoleIsAClientOfACurveControlPlane() async throws {
        let port = 31285
        let fleet = try TestFleet(
            name: "console-curve", instances: 1, basePort: 31286, supervisor: "{ metrics_port: 0, control: { curve: true } }",
            console: "{ port: \(port) }")
        defer { fleet.tearDown() }
        let token = try await Self.up(fleet, consolePort: port).instructor
        let url = "http://127.0.0.1:\(port)", jar = fleet.directory + "/instructor.jar"
        let csrf = try Self.signIn(token, jar: jar, url: url)
        try await Self.waitUntilTheFeedIsLive(fleet, probing: "svc-01", url: url, jar: jar)

        // Commands: the grid is the supervisor's answer, and a start goes through.
        let instances = try Self.curl([url + "/api/instances"], jar: jar)
        #expect(instances.status == 200 && instances.body.contains(#""id":"svc-01""#), "\(instances.status) \(instances.body)")
        let start = try Self.curl([
            "-H", "Content-Type: application/json", "-H", "X-CSRF-Token: \(csrf)",
            "--data", #"{"scenario":"scenario4","instances":["svc-01"]}"#, url + "/api/scenario/start",
        ], jar: jar)
        #expect(start.status == 200 && start.body.contains(#""outcome":"started""#), "\(start.status) \(start.body)")
        // Events: the start reaches the console's feed through the CURVE event socket.
        try await waitUntil(timeout: .seconds(20), "the start in the console's event feed") {
            try Self.feed(url: url, jar: jar).contains {
                $0.contains(#""event":"scenario.started""#) && $0.contains(#""instance":"svc-01""#) && $0.contains(#""scenario":"scenario4""#)
            }
        }
    }
}
}
