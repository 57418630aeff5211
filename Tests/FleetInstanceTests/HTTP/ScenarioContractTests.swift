import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// The scenario endpoints answer exactly as the original (shared/reference/http-api.md), with
    /// fake scenarios so nothing leaks, fills or loops.
    @Suite("Scenario endpoints contract")
    struct ScenarioContractTests {
        /// One row of the contract table: a request and its exact answer (`nil` body: none at all).
        struct Row: CustomStringConvertible {
            var method: HTTPRequest.Method
            var uri: String
            var status: Int
            var body: String?
            var description: String { "\(method) \(uri)" }
        }

        static let missingAction =
            #"{"detail":[{"type":"missing","loc":["query","action"],"msg":"Field required","input":null}]}"#

        static func enumError(_ input: String) -> String {
            #"{"detail":[{"type":"enum","loc":["query","action"],"msg":"Input should be 'start' or 'stop'","input":"\#(input)","ctx":{"expected":"'start' or 'stop'"}}]}"#
        }

        /// The health body with the states of scenario1–3; scenario4–8 as `added` (stopped by default).
        static func health(_ s1: String, _ s2: String, _ s3: String, added: [String] = Array(repeating: "stopped", count: 5)) -> String {
            let others = zip(4...8, added).map { #","scenario\#($0)":"\#($1)""# }.joined()
            return #"{"status":"ok","scenarios":{"scenario1":"\#(s1)","scenario2":"\#(s2)","scenario3":"\#(s3)"\#(others)}}"#
        }

        /// The table of http-api.md, in its order, on a fresh service.
        static let table: [Row] = [
            Row(method: .get, uri: "/scenario/health", status: 200, body: health("stopped", "stopped", "stopped")),
            Row(method: .get, uri: "/scenario/scenario1", status: 200, body: #"{"scenario":"scenario1","status":"stopped"}"#),
            Row(method: .post, uri: "/scenario/scenario1?action=start", status: 200, body: #"{"scenario":"scenario1","status":"running"}"#),
            Row(method: .post, uri: "/scenario/scenario1?action=start", status: 304, body: nil),
            Row(method: .post, uri: "/scenario/scenario2?action=start", status: 409, body: #"{"detail":"Scenario 'scenario1' is in progress"}"#),
            Row(method: .get, uri: "/scenario/health", status: 200, body: health("running", "stopped", "stopped")),
            Row(method: .get, uri: "/scenario/scenario1", status: 200, body: #"{"scenario":"scenario1","status":"running"}"#),
            Row(method: .post, uri: "/scenario/scenario1?action=stop", status: 200, body: #"{"scenario":"scenario1","status":"stopped"}"#),
            Row(method: .post, uri: "/scenario/scenario1?action=stop", status: 304, body: nil),
            Row(method: .post, uri: "/scenario/nope?action=start", status: 400, body: #"{"detail":"Unknown scenario 'nope'"}"#),
            Row(method: .get, uri: "/scenario/nope", status: 400, body: #"{"detail":"Unknown scenario 'nope'"}"#),
            Row(method: .post, uri: "/scenario/scenario1", status: 422, body: missingAction),
            Row(method: .post, uri: "/scenario/scenario1?action=bogus", status: 422, body: enumError("bogus")),
            Row(method: .post, uri: "/scenario/nope?action=bogus", status: 422, body: enumError("bogus")),
            Row(method: .post, uri: "/scenario/scenario1?action=START", status: 422, body: enumError("START")),
        ]

        /// Checks status, exact body bytes and headers of one answer.
        static func check(_ response: TestResponse, _ row: Row, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Int(response.status.code) == row.status, "\(row)", sourceLocation: sourceLocation)
            if let body = row.body {
                #expect(response.text == body, "\(row)", sourceLocation: sourceLocation)
                #expect(response.headers[.contentType] == "application/json", "\(row)", sourceLocation: sourceLocation)
                #expect(response.headers[.contentLength] == String(body.utf8.count), "\(row)", sourceLocation: sourceLocation)
            } else {
                #expect(response.body.readableBytes == 0, "\(row): \(response.text)", sourceLocation: sourceLocation)
                #expect(response.headers[.contentType] == nil, "\(row)", sourceLocation: sourceLocation)
            }
        }

        @Test("every row of the contract table, in order, on a fresh service")
        func contractTableInOrder() async throws {
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for row in Self.table {
                    Self.check(try await client.send(row.method, row.uri), row)
                }
            }
            #expect(runtime.controller.current == nil)
        }

        @Test(
            "scenario4–8 follow the same contract: 200, 304, 409, 200, 304, and health shows them",
            arguments: [ScenarioAlias.scenario4, .scenario5, .scenario6, .scenario7, .scenario8])
        func addedScenariosFollowTheContract(_ alias: ScenarioAlias) async throws {
            let name = alias.rawValue
            let other = alias == .scenario8 ? "scenario1" : "scenario8"
            var added = Array(repeating: "stopped", count: 5)
            added[Int(String(name.last!))! - 4] = "running"
            let rows: [Row] = [
                Row(method: .get, uri: "/scenario/\(name)", status: 200, body: #"{"scenario":"\#(name)","status":"stopped"}"#),
                Row(method: .post, uri: "/scenario/\(name)?action=start", status: 200, body: #"{"scenario":"\#(name)","status":"running"}"#),
                Row(method: .post, uri: "/scenario/\(name)?action=start", status: 304, body: nil),
                Row(method: .post, uri: "/scenario/\(other)?action=start", status: 409, body: #"{"detail":"Scenario '\#(name)' is in progress"}"#),
                Row(method: .get, uri: "/scenario/health", status: 200, body: Self.health("stopped", "stopped", "stopped", added: added)),
                Row(method: .post, uri: "/scenario/\(name)?action=stop", status: 200, body: #"{"scenario":"\#(name)","status":"stopped"}"#),
                Row(method: .post, uri: "/scenario/\(name)?action=stop", status: 304, body: nil),
                Row(method: .post, uri: "/scenario/\(name)?action=bogus", status: 422, body: Self.enumError("bogus")),
            ]
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for row in rows {
                    Self.check(try await client.send(row.method, row.uri), row)
                }
            }
            #expect(runtime.controller.current == nil)
        }

        @Test("the HTTP API drives the controller: a start really starts the injected scenario")
        func startAndStopReachTheScenario() async throws {
            let log = EventLog()
            let runtime = Fixtures.runtime { alias in RecordingScenario(alias: alias, log: log) }
            try await Fixtures.application(runtime).test(.router) { client in
                _ = try await client.send(.post, "/scenario/scenario2?action=start")
                #expect(runtime.controller.current == .scenario2)
                let began = await poll(timeout: .seconds(2)) { log.contains("run scenario2") }
                #expect(began)
                _ = try await client.send(.post, "/scenario/scenario2?action=stop")
                #expect(log.contains("released scenario2"))
                #expect(runtime.controller.current == nil)
            }
        }

        @Test("stop answers 304 while a different scenario runs, and leaves it running")
        func stopOfAnotherScenarioIs304() async throws {
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                Self.check(
                    try await client.send(.post, "/scenario/scenario2?action=start"),
                    Row(method: .post, uri: "start scenario2", status: 200, body: #"{"scenario":"scenario2","status":"running"}"#))
                for other in ["scenario1", "scenario3"] {
                    Self.check(
                        try await client.send(.post, "/scenario/\(other)?action=stop"),
                        Row(method: .post, uri: "stop \(other)", status: 304, body: nil))
                }
                Self.check(
                    try await client.send(.post, "/scenario/scenario3?action=start"),
                    Row(method: .post, uri: "start scenario3", status: 409, body: #"{"detail":"Scenario 'scenario2' is in progress"}"#))
                Self.check(
                    try await client.send(.get, "/scenario/health"),
                    Row(method: .get, uri: "health", status: 200, body: Self.health("stopped", "running", "stopped")))
                Self.check(
                    try await client.send(.post, "/scenario/scenario2?action=stop"),
                    Row(method: .post, uri: "stop scenario2", status: 200, body: #"{"scenario":"scenario2","status":"stopped"}"#))
            }
        }

        @Test(
            "health and do_something are not scenarios for POST",
            arguments: ["health", "do_something"])
        func postToFixedRoutesIsUnknownScenario(_ name: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                for action in ["start", "stop"] {
                    let response = try await client.send(.post, "/scenario/\(name)?action=\(action)")
                    Self.check(
                        response,
                        Row(method: .post, uri: "/scenario/\(name)?action=\(action)", status: 400,
                            body: #"{"detail":"Unknown scenario '\#(name)'"}"#))
                }
            }
        }

        @Test("do_something: 10 calls allowed, then 429 at once")
        func doSomethingLimiter() async throws {
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for call in 1...10 {
                    let response = try await client.send(.get, "/scenario/do_something")
                    Self.check(response, Row(method: .get, uri: "do_something #\(call)", status: 200, body: #"{"status":"ok"}"#))
                }
                for call in 11...13 {
                    let response = try await client.send(.get, "/scenario/do_something")
                    Self.check(
                        response,
                        Row(method: .get, uri: "do_something #\(call)", status: 429, body: #"{"detail":"Too Many Requests"}"#))
                }
            }
        }

        @Test("do_something: allowed calls sleep the configured delay, refused calls do not")
        func doSomethingDelays() async throws {
            var config = Fixtures.config()
            config.scenarios.scenario3.limit = 2
            config.scenarios.scenario3.minDelay = .milliseconds(60)
            config.scenarios.scenario3.maxDelay = .milliseconds(60)
            try await Fixtures.application(Fixtures.runtime(config: config)).test(.router) { client in
                for _ in 1...2 {
                    let start = ContinuousClock.now
                    let response = try await client.send(.get, "/scenario/do_something")
                    #expect(response.status == .ok)
                    #expect(ContinuousClock.now - start >= .milliseconds(60))
                }
                let start = ContinuousClock.now
                let refused = try await client.send(.get, "/scenario/do_something")
                #expect(refused.status == .tooManyRequests)
                #expect(ContinuousClock.now - start < .milliseconds(60))
            }
        }

        @Test("the limit and window come from the configuration")
        func limiterFollowsConfiguration() async throws {
            var config = Fixtures.config()
            config.scenarios.scenario3.limit = 3
            let runtime = Fixtures.runtime(config: config)
            try await Fixtures.application(runtime).test(.router) { client in
                var statuses: [Int] = []
                for _ in 1...5 {
                    statuses.append(Int(try await client.send(.get, "/scenario/do_something").status.code))
                }
                #expect(statuses == [200, 200, 200, 429, 429])
            }
            // The runtime's limiter uses the configured 60 s window: a call one window later is allowed again.
            #expect(runtime.limiter.acquire(now: .now + .seconds(61)))
        }
    }
}

/// A fake scenario that records when it runs and when it has released what it holds; the release
/// takes a moment and cannot be cut short, like unmapping memory or deleting files.
struct RecordingScenario: FailureScenario {
    var alias: ScenarioAlias
    var log: EventLog
    var releaseDuration: Duration = .milliseconds(100)

    func run() async {
        log.record("run \(alias.rawValue)")
        try? await Task.sleep(for: .seconds(3600))
        log.record("releasing \(alias.rawValue)")
        let duration = releaseDuration
        await Task.detached { try? await Task.sleep(for: duration) }.value
        log.record("released \(alias.rawValue)")
    }
}
