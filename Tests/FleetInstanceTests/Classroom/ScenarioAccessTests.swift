import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// `classroom.scenario_control` on the instance's HTTP API: who may change a scenario, the
    /// exact refusals, the throttle, and reads that stay open.
    @Suite("Scenario access")
    struct ScenarioAccessTests {
        /// A class of two on a fleet of three, its tokens file written in a fresh data folder.
        struct Classroom {
            let config: FleetConfig
            let tokens: ClassroomTokens

            init(mode: ScenarioControlMode) throws {
                var config = Fixtures.config()
                config.fleet.instances = 3
                config.fleet.dataDir = Fixtures.uniqueDataDirectory()
                config.classroom.students = ["Ada", "Grace"]
                config.classroom.scenarioControl = mode
                self.config = config
                tokens = try ClassroomTokens.loadOrCreate(at: config.classroomTokensPath, roster: config.classroomRoster)
            }

            /// The runtime of `svc-01`, Ada's instance, with idle scenarios.
            func runtime(id: String = "svc-01") -> InstanceRuntime {
                InstanceRuntime(
                    identity: InstanceIdentity(id: id, host: Fixtures.host, port: Fixtures.port, dataDirectory: config.dataDirectory(ofInstance: id)),
                    config: config, makeScenario: { _ in IdleScenario() })
            }

            func remove() { try? FileManager.default.removeItem(atPath: config.fleet.dataDir) }
        }

        static func bearer(_ token: String?) -> HTTPFields {
            token.map { [.authorization: "Bearer \($0)"] } ?? [:]
        }

        static func post(
            _ client: some TestClientProtocol, _ uri: String, token: String?, header: String? = nil
        ) async throws -> TestResponse {
            var headers = bearer(token)
            if let header { headers[.authorization] = header }
            return try await client.execute(uri: uri, method: .post, headers: headers, body: nil)
        }

        @Test("owner: no token 401, another student's 403, the owner's and the instructor's 200")
        func ownerMode() async throws {
            let classroom = try Classroom(mode: .owner)
            defer { classroom.remove() }
            let runtime = classroom.runtime()
            let ada = try #require(classroom.tokens.token(forStudent: "Ada"))
            let grace = try #require(classroom.tokens.token(forStudent: "Grace"))
            try await Fixtures.application(runtime).test(.router) { client in
                let anonymous = try await Self.post(client, "/scenario/scenario1?action=start", token: nil)
                #expect(anonymous.status.code == 401)
                #expect(anonymous.text == #"{"detail":"Not authenticated"}"#)
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                #expect(anonymous.headers[.contentType] == "application/json")

                let stranger = try await Self.post(client, "/scenario/scenario1?action=start", token: String(repeating: "0", count: 32))
                #expect(stranger.status.code == 401)
                let basic = try await Self.post(client, "/scenario/scenario1?action=start", token: nil, header: "Basic \(ada)")
                #expect(basic.status.code == 401)

                let other = try await Self.post(client, "/scenario/scenario1?action=start", token: grace)
                #expect(other.status.code == 403)
                #expect(other.text == #"{"detail":"Not your instance"}"#)
                #expect(runtime.controller.current == nil)

                // Refusals come before validation: a bad request reveals nothing to a stranger.
                let invalid = try await Self.post(client, "/scenario/nope?action=bogus", token: nil)
                #expect(invalid.status.code == 401)

                let owner = try await Self.post(client, "/scenario/scenario1?action=start", token: ada)
                #expect(owner.status.code == 200)
                #expect(owner.text == #"{"scenario":"scenario1","status":"running"}"#)
                #expect(runtime.controller.current == .scenario1)

                let lowercase = try await Self.post(client, "/scenario/scenario1?action=stop", token: nil, header: "bearer \(classroom.tokens.instructor)")
                #expect(lowercase.status.code == 200)
                #expect(runtime.controller.current == nil)
            }
        }

        @Test("reads stay open and never show a token")
        func readsStayOpen() async throws {
            let classroom = try Classroom(mode: .owner)
            defer { classroom.remove() }
            let runtime = classroom.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for uri in ["/scenario/health", "/scenario/scenario1", "/metrics", "/docs", "/openapi.json", "/showcase/count/home"] {
                    let response = try await client.send(.get, uri)
                    #expect(response.status.code == 200, "\(uri)")
                    for token in [classroom.tokens.instructor] + classroom.tokens.students.map(\.token) {
                        #expect(!response.text.contains(token), "\(uri) shows a token")
                    }
                }
            }
        }

        @Test("instructor: every HTTP change is 403, whoever asks")
        func instructorMode() async throws {
            let classroom = try Classroom(mode: .instructor)
            defer { classroom.remove() }
            let runtime = classroom.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for token in [nil, classroom.tokens.token(forStudent: "Ada"), classroom.tokens.instructor] {
                    let response = try await Self.post(client, "/scenario/scenario1?action=start", token: token)
                    #expect(response.status.code == 403)
                    #expect(response.text == #"{"detail":"Scenarios on this fleet are controlled by the instructor"}"#)
                }
                #expect(runtime.controller.current == nil)
                // The controller itself (the supervisor's path) is not limited by the HTTP rule.
                #expect(runtime.controller.start(.scenario1, origin: .supervisor) == .started)
                _ = await runtime.controller.stop(.scenario1, origin: .supervisor)
            }
        }

        @Test("open: anyone, as the original service")
        func openMode() async throws {
            let classroom = try Classroom(mode: .open)
            defer { classroom.remove() }
            let runtime = classroom.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                let start = try await Self.post(client, "/scenario/scenario1?action=start", token: nil)
                #expect(start.status.code == 200)
                let stop = try await Self.post(client, "/scenario/scenario1?action=stop", token: nil)
                #expect(stop.status.code == 200)
            }
        }

        @Test("ten failures in a minute: 429 for the rest of it, even with the right token")
        func throttleAfterTenFailures() async throws {
            let classroom = try Classroom(mode: .owner)
            defer { classroom.remove() }
            let runtime = classroom.runtime()
            let ada = try #require(classroom.tokens.token(forStudent: "Ada"))
            let app = Application(
                router: InstanceRouter.build(runtime: runtime, context: InstanceRequestContext.self),
                configuration: .init(address: .hostname(Fixtures.host, port: 0)))
            try await app.test(.live) { client in
                for attempt in 1...10 {
                    let response = try await Self.post(client, "/scenario/scenario1?action=start", token: "guess\(attempt)")
                    #expect(response.status.code == 401, "attempt \(attempt)")
                }
                let blocked = try await Self.post(client, "/scenario/scenario1?action=start", token: ada)
                #expect(blocked.status.code == 429)
                #expect(blocked.headers[.contentType] == "application/json")
                let retryAfter = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
                #expect((1...60).contains(retryAfter))
                #expect(runtime.controller.current == nil)
                // Reads are not throttled.
                let health = try await client.send(.get, "/scenario/health")
                #expect(health.status.code == 200)
            }
        }

        @Test("the throttle counts each source apart")
        func throttlePerSource() throws {
            let classroom = try Classroom(mode: .owner)
            defer { classroom.remove() }
            let guardian = ScenarioAccessGuard(config: classroom.config, instanceID: "svc-01")
            let now = ContinuousClock.now
            for _ in 1...10 { _ = guardian.check(authorization: nil, source: "10.214.0.2", now: now) }
            #expect(guardian.check(authorization: nil, source: "10.214.0.2", now: now) == .throttled(retryAfter: .seconds(60)))
            let ada = "Bearer " + classroom.tokens.token(forStudent: "Ada")!
            #expect(guardian.check(authorization: ada, source: "10.214.0.3", now: now) == .allowed)
            #expect(guardian.check(authorization: ada, source: "10.214.0.2", now: now + .seconds(60)) == .allowed)
        }

        @Test("new tokens from `fleet roster --reset-tokens` apply at once; the old ones stop working")
        func tokensFileIsReadAgainWhenItChanges() throws {
            let classroom = try Classroom(mode: .owner)
            defer { classroom.remove() }
            let guardian = ScenarioAccessGuard(config: classroom.config, instanceID: "svc-02")
            let old = "Bearer " + classroom.tokens.token(forStudent: "Grace")!
            #expect(guardian.check(authorization: old, source: "a") == .allowed)
            let reset = try ClassroomTokens.reset(at: classroom.config.classroomTokensPath, roster: classroom.config.classroomRoster)
            #expect(guardian.check(authorization: old, source: "a") == .refused(.notAuthenticated))
            #expect(guardian.check(authorization: "Bearer " + reset.token(forStudent: "Grace")!, source: "a") == .allowed)
        }

        @Test("without a tokens file nobody is authenticated")
        func missingFileRefusesEveryone() throws {
            var config = Fixtures.config()
            config.fleet.dataDir = Fixtures.uniqueDataDirectory()
            config.classroom.students = ["Ada"]
            config.classroom.scenarioControl = .owner
            let guardian = ScenarioAccessGuard(config: config, instanceID: "svc-01")
            #expect(guardian.check(authorization: "Bearer " + String(repeating: "a", count: 32), source: "a") == .refused(.notAuthenticated))
        }

        @Test func bearerTokenParsing() {
            #expect(ScenarioAccessGuard.bearerToken("Bearer abc") == "abc")
            #expect(ScenarioAccessGuard.bearerToken("BEARER  abc ") == "abc")
            #expect(ScenarioAccessGuard.bearerToken("Basic abc") == nil)
            #expect(ScenarioAccessGuard.bearerToken("Bearer") == nil)
            #expect(ScenarioAccessGuard.bearerToken(nil) == nil)
        }
    }
}
