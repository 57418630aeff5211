import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting

@testable import FleetConsole

/// A console over a ``ScriptedFleet`` for router tests (no sockets): an instructor and two
/// students, one of whom has markup in their name.
struct ConsoleHarness {
    static let instructorToken = "instructor-token-0123456789abcdef"
    static let aliceToken = "alice-token-0123456789abcdef012345"
    static let bobToken = "bob-token-0123456789abcdef01234567"
    static let bobName = #"<img src=x onerror="alert(1)">Bob"#

    let fleet = ScriptedFleet()
    let hub = ConsoleEventHub()
    let routes: ConsoleRoutes
    let dataDir: String

    init(studentsControlTheirInstance: Bool = true, fleetName: String = "workshop", limits: AnswerLimits = AnswerLimits()) {
        dataDir = NSTemporaryDirectory() + "fleetsim-console-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var config = FleetConfig()
        config.fleet.name = fleetName
        config.fleet.instances = 3
        config.fleet.dataDir = dataDir
        config.prometheus.enabled = .enabled
        config.chaos.duration = .seconds(600)
        var options = ConsoleOptions(
            config: config, studentsControlTheirInstance: studentsControlTheirInstance,
            owners: ["svc-01": "Alice", "svc-02": Self.bobName])
        options.answerLimits = limits
        routes = ConsoleRoutes(
            options: options, fleet: fleet,
            signIn: FixedSignIn(roles: [
                Self.instructorToken: .instructor,
                Self.aliceToken: .student(name: "Alice", instanceID: "svc-01"),
                Self.bobToken: .student(name: Self.bobName, instanceID: "svc-02"),
            ]),
            hub: hub)
    }

    /// Runs `body` with a router-level test client.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        // Removed however the body ends: a failing test skips whatever follows its failure.
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let app = Application(router: routes.router())
        try await app.test(.router, body)
    }

    /// Writes the chaos journal (the answer key) the reveal reads.
    func writeJournal(_ lines: [String]) throws {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: dataDir + "/chaos-journal.jsonl", atomically: true, encoding: .utf8)
    }
}

/// A signed-in browser: its cookie and CSRF token.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    /// Headers of a GET.
    var headers: HTTPFields { [.cookie: cookie] }

    /// Headers of a POST with a JSON body and the CSRF token.
    var postHeaders: HTTPFields { [.cookie: cookie, .contentType: "application/json", ConsoleRoutes.csrfHeader: csrf] }

    /// Signs in with `token` through the form, as a browser does.
    static func signIn(_ client: some TestClientProtocol, token: String) async throws -> Browser {
        let setCookie = try await client.execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "token=\(token)")
        ) { response in
            guard response.status == .seeOther, let value = response.headers[.setCookie] else {
                throw HarnessError("sign-in with \(token) answered \(response.status)")
            }
            return value
        }
        let cookie = String(setCookie.split(separator: ";")[0])
        let csrf = try await client.execute(uri: "/api/me", method: .get, headers: [.cookie: cookie]) { response in
            try JSONDecoder().decode(Me.self, from: Data(response.body.readableBytesView)).csrf
        }
        return Browser(cookie: cookie, csrf: csrf)
    }

    struct Me: Decodable {
        var csrf: String
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The `detail` of an error body.
    var detail: String? {
        (try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView)))?["detail"]
    }

    /// The body decoded as a JSON object.
    var object: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]) ?? [:]
    }
}

extension TestClientProtocol {
    /// POSTs `json` as `browser`.
    func post(_ uri: String, _ json: String, as browser: Browser) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: browser.postHeaders, body: ByteBuffer(string: json))
    }

    /// GETs `uri` as `browser`.
    func get(_ uri: String, as browser: Browser) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: browser.headers)
    }
}
