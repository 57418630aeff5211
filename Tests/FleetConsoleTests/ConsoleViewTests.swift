import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetConsole

/// What each role sees and may change: the grid, scenario control, the lab, escaping.
@Suite("Console views")
struct ConsoleViewTests {
    @Test func theInstructorSeesEveryInstanceWithItsOwner() async throws {
        try await ConsoleHarness().test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let response = try await client.get("/api/instances", as: instructor)
            #expect(response.status == .ok)
            let rows = try #require(response.object["instances"] as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == ["svc-01", "svc-02", "svc-03"])
            #expect(rows[1]["owner"] as? String == ConsoleHarness.bobName)
            #expect(rows[0]["port"] as? Int == 8081)
        }
    }

    @Test func aStudentSeesTheirOwnInstanceOnly() async throws {
        try await ConsoleHarness().test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let rows = try #require(try await client.get("/api/instances", as: alice).object["instances"] as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == ["svc-01"])
        }
    }

    @Test func theInstructorStartsOnSelectedRandomAndAllThroughTheControlProtocol() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let started = try await client.post("/api/scenario/start", #"{"scenario":"scenario1","instances":["svc-02"]}"#, as: instructor)
            #expect(started.status == .ok)
            #expect(started.text.contains(#""instance":"svc-02""#))
            #expect(try await client.post("/api/scenario/start", #"{"scenario":"scenario3","instances":{"random":2}}"#, as: instructor).status == .ok)
            #expect(try await client.post("/api/scenario/stop", #"{"scenario":"all","instances":"all"}"#, as: instructor).status == .ok)
            #expect(harness.fleet.commands == [
                .start(.scenario1, on: .ids(["svc-02"])), .start(.scenario3, on: .random(2)), .stop(.all, on: .all),
            ])
        }
    }

    @Test func aStudentChangesOnlyTheirOwnInstanceAndOnlyWhenTheClassAllowsIt() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            #expect(try await client.post("/api/scenario/start", #"{"scenario":"scenario1","instances":["svc-01"]}"#, as: alice).status == .ok)
            for selection in [#"["svc-02"]"#, #""all""#, #"{"random":1}"#, #"["svc-01","svc-02"]"#] {
                let refused = try await client.post("/api/scenario/start", #"{"scenario":"scenario1","instances":\#(selection)}"#, as: alice)
                #expect(refused.status == .forbidden, "\(selection)")
                #expect(refused.detail == "Not your instance")
            }
            #expect(harness.fleet.commands == [.start(.scenario1, on: .ids(["svc-01"]))])
        }
        let closed = ConsoleHarness(studentsControlTheirInstance: false)
        try await closed.test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let refused = try await client.post("/api/scenario/stop", #"{"scenario":"all","instances":["svc-01"]}"#, as: alice)
            #expect(refused.status == .forbidden)
            #expect(refused.detail == "Scenarios on this fleet are controlled by the instructor")
            #expect(closed.fleet.commands.isEmpty)
        }
    }

    @Test func badBodiesAre4xxWithADetail() async throws {
        try await ConsoleHarness().test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("/api/scenario/start", "not json", .badRequest),
                ("/api/scenario/start", #"{"scenario":"scenario9","instances":"all"}"#, .badRequest),
                ("/api/scenario/start", #"{"scenario":"scenario1","instances":"some"}"#, .badRequest),
                ("/api/scenario/stop", #"{"instances":"all"}"#, .badRequest),
                ("/api/chaos/run", #"{"duration":"soon"}"#, .badRequest),
                ("/api/chaos/run", #"{"duration":"30d"}"#, .badRequest),
                ("/api/scenario/start", String(repeating: " ", count: 5_000), .contentTooLarge),
            ]
            for (path, body, status) in cases {
                let response = try await client.post(path, body, as: instructor)
                #expect(response.status == status, "\(path) \(body.prefix(40))")
                #expect(response.detail?.isEmpty == false)
            }
            #expect(try await client.get("/api/chaos/plan?seed=abc", as: instructor).status == .badRequest)
        }
    }

    @Test func aFleetThatDoesNotAnswerIs502AndARefusalIs409() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let refused = try await client.post("/api/traffic/pause", "{}", as: instructor)
            #expect(refused.status == .conflict)
            #expect(refused.detail == "this fleet has no background traffic")
            harness.fleet.setAnswering(false)
            let gone = try await client.get("/api/instances", as: instructor)
            #expect(gone.status == .badGateway)
            #expect(gone.detail?.contains("not answering") == true)
        }
    }

    @Test func trafficIsTheControlProtocolsReplyAsIs() async throws {
        let harness = ConsoleHarness()
        harness.fleet.setTrafficEnabled(true)
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let paused = try await client.post("/api/traffic/pause", "{}", as: instructor).object
            // The page reads `paused`, `rate` and `time_of_day` at the top level, as `fleet traffic status --json`.
            #expect(paused["paused"] as? Bool == true)
            #expect(paused["rate"] as? Double == 5)
            #expect(paused["time_of_day"] as? String == "06:00")
            #expect(try await client.post("/api/traffic/rate", #"{"rate":2.5}"#, as: instructor).status == .ok)
            #expect(harness.fleet.commands == [.trafficPause, .trafficSet(TrafficAdjustment(rate: 2.5))])
        }
    }

    @Test func namesAreEscapedInServerHTMLAndTheScriptNeverParsesMarkup() async throws {
        try await ConsoleHarness(fleetName: #"<script>alert("x")</script>"#).test { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
            let bob = try await Browser.signIn(client, token: ConsoleHarness.bobToken)
            let console = try await client.get("/", as: bob)
            #expect(console.text.contains(#"<script src="/console.js" defer></script>"#))
            #expect(!console.text.contains("<script>alert"))
        }
        #expect(HTMLText.escape(#"<a href='x'>&"#) == "&lt;a href=&#39;x&#39;&gt;&amp;")
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            #expect(!ConsoleScript.source.contains(sink), "the script uses \(sink)")
        }
    }

    @Test func theStudentsLabQueriesShowTheirInstance() async throws {
        try await ConsoleHarness().test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let me = try await client.get("/api/me", as: alice).object
            #expect(me["role"] as? String == "student")
            #expect(me["instance"] as? String == "svc-01")
            #expect(me["prometheusPort"] as? Int == 9090)
            let exercises = try #require(me["exercises"] as? [[String: Any]])
            #expect(exercises.count == 8)
            for query in exercises.flatMap({ $0["queries"] as? [String] ?? [] }) {
                #expect(query.contains(#"instance="svc-01""#), "\(query)")
            }
        }
    }

    @Test func everyFleetWideLabQueryIsTheGuidesWordForWord() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let guide = try String(contentsOf: url.appendingPathComponent("docs/lab.md"), encoding: .utf8)
        for exercise in LabGuide.exercises {
            for query in exercise.queries(instance: nil) {
                #expect(guide.contains(query), "docs/lab.md lacks \(query)")
            }
            #expect(exercise.queries(instance: "svc-07").allSatisfy { $0.contains(#"instance="svc-07""#) })
        }
        #expect(LabExercise.render(#"node_load1⟨i⟩"#, instance: "svc-02") == #"node_load1{instance="svc-02"}"#)
        #expect(LabExercise.render(#"up{job="x"⟨,i⟩}"#, instance: "svc-02") == #"up{job="x", instance="svc-02"}"#)
    }

    @Test func thePlanPreviewIsTheCLIsPlan() async throws {
        try await ConsoleHarness().test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let response = try await client.get("/api/chaos/plan?seed=42&duration=10m", as: instructor)
            #expect(response.status == .ok)
            var config = FleetConfig()
            config.fleet.instances = 3
            let expected = ChaosPlannerText.plan(config: config, seed: 42, minutes: 10)
            #expect(response.object["plan"] as? String == expected)
            #expect(response.object["seed"] as? Int == 42)
        }
    }
}

/// The shared status: one request serves every browser within its freshness; a change made
/// through the console is seen at once.
@Suite("Console status cache")
struct ConsoleStatusCacheTests {
    @Test func pagesShareOneStatusAndAChangeRefreshesIt() async throws {
        let harness = ConsoleHarness()
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            _ = try await client.get("/api/instances", as: instructor)
            _ = try await client.get("/api/instances", as: alice)
            #expect(harness.fleet.commands == [.status])
            _ = try await client.post("/api/scenario/start", #"{"scenario":"scenario4","instances":["svc-03"]}"#, as: instructor)
            let rows = try #require(try await client.get("/api/instances", as: instructor).object["instances"] as? [[String: Any]])
            #expect(rows[2]["scenario"] as? String == "scenario4")
            #expect(harness.fleet.commands.count == 3)
        }
    }

    @Test func anEntryIsFreshForOneSecond() {
        let cache = StatusCache()
        let now = ContinuousClock.now
        cache.store([], at: now)
        #expect(cache.fresh(at: now + .milliseconds(999)) != nil)
        #expect(cache.fresh(at: now + StatusCache.freshness) == nil)
    }
}
