import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetConsole

/// Sign-in, sessions, CSRF and roles, at the HTTP level: every API route answers 401 without a
/// session, 403 without the CSRF token on a state change, 403 to the wrong role.
@Suite("Console access")
struct ConsoleAccessTests {
    /// Every API route with the role that may call it (`nil`: any signed-in browser).
    static let routes: [(method: HTTPRequest.Method, path: String, body: String, instructorOnly: Bool?)] = [
        (.get, "/api/me", "", nil),
        (.get, "/api/instances", "", nil),
        (.post, "/api/scenario/start", #"{"scenario":"scenario1","instances":["svc-03"]}"#, nil),
        (.post, "/api/scenario/stop", #"{"scenario":"all","instances":["svc-03"]}"#, nil),
        (.get, "/api/events", "", true),
        (.get, "/api/sparklines", "", true),
        (.get, "/api/traffic", "", true),
        (.post, "/api/traffic/pause", "{}", true),
        (.post, "/api/traffic/resume", "{}", true),
        (.post, "/api/traffic/rate", #"{"rate":2}"#, true),
        (.get, "/api/chaos", "", true),
        (.get, "/api/chaos/plan?seed=1", "", true),
        (.post, "/api/chaos/run", #"{"seed":1}"#, true),
        (.post, "/api/chaos/stop", "{}", true),
        (.post, "/api/chaos/reveal", "{}", true),
        (.post, "/api/scoreboard", #"{"visible":true}"#, true),
        (.get, "/api/round", "", nil),
        (.post, "/api/answers", #"{"instance":"svc-01","scenario":"scenario1"}"#, false),
        (.get, "/api/answers", "", false),
        (.get, "/api/scoreboard", "", nil),
        (.post, "/signout", "", nil),
    ]

    @Test func theSignInFormIsServedToABrowserWithoutSession() async throws {
        try await ConsoleHarness().test { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<form method="post" action="/signin""#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            // Self-contained: nothing is loaded from another origin.
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        }
    }

    @Test func aWrongTokenIs401AndOpensNoSession() async throws {
        try await ConsoleHarness().test { client in
            let response = try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=guess"))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.setCookie] == nil)
            #expect(response.text.contains("not one of this class"))
        }
    }

    @Test func theCookieIsHttpOnlyStrictAndHoldsASessionIdNotTheToken() async throws {
        try await ConsoleHarness().test { client in
            let response = try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=\(ConsoleHarness.aliceToken)"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let cookie = try #require(response.headers[.setCookie])
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(attributes.contains("HttpOnly"))
            #expect(attributes.contains("SameSite=Strict"))
            #expect(attributes.contains("Path=/"))
            let value = try #require(attributes.first?.split(separator: "=", maxSplits: 1).last)
            #expect(value.count == 32 && value.allSatisfy(\.isHexDigit))
            #expect(!cookie.contains(ConsoleHarness.aliceToken))
        }
    }

    @Test func everyAPIRouteIs401WithoutASession() async throws {
        try await ConsoleHarness().test { client in
            for route in Self.routes {
                let response = try await client.execute(
                    uri: route.path, method: route.method, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: route.body))
                #expect(response.status == .unauthorized, "\(route.method) \(route.path)")
                #expect(response.detail == "Not authenticated", "\(route.method) \(route.path)")
            }
            // A cookie that is not a session is no better.
            let forged = try await client.execute(uri: "/api/me", method: .get, headers: [.cookie: "fleet_console=\(ConsoleHarness.aliceToken)"])
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func everyStateChangeNeedsTheSessionsCSRFToken() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            for route in Self.routes where route.method == .post {
                for csrf in [nil, "0123456789abcdef0123456789abcdef"] {
                    var headers: HTTPFields = [.cookie: instructor.cookie, .contentType: "application/json"]
                    if let csrf { headers[ConsoleRoutes.csrfHeader] = csrf }
                    let response = try await client.execute(uri: route.path, method: .post, headers: headers, body: ByteBuffer(string: route.body))
                    #expect(response.status == .forbidden, "\(route.path) with CSRF \(csrf ?? "none")")
                    #expect(response.detail?.contains("CSRF") == true)
                }
            }
            // Nothing reached the fleet.
            #expect(harness.fleet.commands.isEmpty)
        }
    }

    @Test func aStudentGets403FromEveryInstructorRoute() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            for route in Self.routes where route.instructorOnly == true {
                let response = try await client.execute(
                    uri: route.path, method: route.method, headers: route.method == .get ? alice.headers : alice.postHeaders,
                    body: ByteBuffer(string: route.body))
                #expect(response.status == .forbidden, "\(route.method) \(route.path)")
                #expect(response.detail == "Only the instructor may do this")
            }
            #expect(harness.fleet.commands.isEmpty)
        }
    }

    @Test func theInstructorGets403FromStudentRoutes() async throws {
        try await ConsoleHarness().test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            for route in Self.routes where route.instructorOnly == false {
                let response = try await client.execute(
                    uri: route.path, method: route.method, headers: route.method == .get ? instructor.headers : instructor.postHeaders,
                    body: ByteBuffer(string: route.body))
                #expect(response.status == .forbidden, "\(route.method) \(route.path)")
            }
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await ConsoleHarness().test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let out = try await client.post("/signout", "", as: alice)
            #expect(out.status == .ok)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await client.get("/api/me", as: alice).status == .unauthorized)
        }
    }

    @Test func tenWrongTokensFromOneSourceAre429EvenForTheRightOne() async throws {
        try await ConsoleHarness().test { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            for _ in 0..<AuthenticationThrottle().limit {
                let wrong = try await client.execute(uri: "/signin", method: .post, headers: form, body: ByteBuffer(string: "token=nope"))
                #expect(wrong.status == .unauthorized)
            }
            let right = try await client.execute(
                uri: "/signin", method: .post, headers: form, body: ByteBuffer(string: "token=\(ConsoleHarness.instructorToken)"))
            #expect(right.status == .tooManyRequests)
            #expect(right.headers[.setCookie] == nil)
        }
    }

    @Test func sessionsExpireAndAreCapped() {
        let sessions = ConsoleSessions()
        let now = ContinuousClock.now
        let first = sessions.open(.instructor, now: now)
        #expect(sessions.session(id: first.id, now: now + .seconds(60))?.role == .instructor)
        #expect(sessions.session(id: first.id, now: now + ConsoleSessions.lifetime) == nil)
        #expect(first.id != first.csrfToken)
    }
}
