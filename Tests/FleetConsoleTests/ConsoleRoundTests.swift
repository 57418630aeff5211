import FleetChaos
import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetConsole

/// A chaos round through the console: answers kept within their limits, graded after the
/// reveal with the chaos grader, the scoreboard shown or hidden, nothing of the key or of
/// others' answers given to a student.
@Suite("Console chaos round")
struct ConsoleRoundTests {
    /// A journal of seed 7 with scenario1 applied on svc-02, after an older run of seed 3.
    static let journal = [
        #"{"kind":"run_started","seed":3,"started_at":"2025-05-01T09:00:00.000Z","instances":["svc-01","svc-02","svc-03"]}"#,
        #"{"hold_ms":60000,"instance":"svc-03","kind":"applied","planned_offset_ms":0,"scenario":"scenario2","seed":3,"started_at":"2025-05-01T09:00:01.000Z"}"#,
        #"{"kind":"run_started","seed":7,"started_at":"2025-05-01T10:00:00.000Z","instances":["svc-01","svc-02","svc-03"]}"#,
        #"{"hold_ms":60000,"instance":"svc-02","kind":"applied","planned_offset_ms":120000,"scenario":"scenario1","seed":7,"started_at":"2025-05-01T10:02:00.000Z"}"#,
    ]

    @Test func answersAreRefusedWhenNoRoundIsOpen() async throws {
        try await ConsoleHarness().test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let response = try await client.post("/api/answers", #"{"instance":"svc-02","scenario":"memory leak"}"#, as: alice)
            #expect(response.status == .conflict)
            #expect(response.detail == "No chaos round is open")
        }
    }

    @Test func aRoundIsAnsweredRevealedAndGradedWithTheChaosGrader() async throws {
        let harness = ConsoleHarness()
        try harness.writeJournal(Self.journal)
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let bob = try await Browser.signIn(client, token: ConsoleHarness.bobToken)
            let run = try await client.post("/api/chaos/run", #"{"seed":7,"duration":"2m"}"#, as: instructor)
            #expect(run.status == .ok)
            #expect(harness.fleet.commands.last == .chaos(seed: 7, durationMs: 120_000))
            #expect(try await client.get("/api/round", as: alice).object["phase"] as? String == "open")

            #expect(try await client.post("/api/answers", #"{"instance":"svc-02","scenario":"memory leak","start":"10:02"}"#, as: alice).status == .created)
            #expect(try await client.post("/api/answers", #"{"instance":"svc-03","scenario":"disk fill"}"#, as: bob).status == .created)

            // Before the reveal: no verdicts, no key, nothing of the others.
            let before = try await client.get("/api/answers", as: alice).object
            let beforeAnswers = try #require(before["answers"] as? [[String: Any]])
            #expect(beforeAnswers.count == 1)
            #expect(beforeAnswers[0]["verdict"] == nil)
            #expect(try await client.get("/api/chaos", as: alice).status == .forbidden)

            let reveal = try await client.post("/api/chaos/reveal", "{}", as: instructor)
            #expect(reveal.status == .ok)
            let key = try #require(reveal.object["key"] as? String)
            #expect(key.contains("svc-02") && !key.contains("svc-03"), "the key is the last run's only:\n\(key)")

            let after = try await client.get("/api/answers", as: alice).object
            let graded = try #require(after["answers"] as? [[String: Any]])
            #expect(graded.map { $0["verdict"] as? String } == ["true positive"])
            #expect(after["score"] as? Double == 100)
            let bobs = try await client.get("/api/answers", as: bob).object
            #expect((bobs["answers"] as? [[String: Any]])?.map { $0["verdict"] as? String } == ["false alarm"])
            #expect(bobs["score"] as? Double == 0)

            // Answers close with the reveal.
            #expect(try await client.post("/api/answers", #"{"instance":"svc-01","scenario":"cpu"}"#, as: alice).status == .conflict)

            // The round is on disk as answer sheets `fleet chaos grade` reads, one per student.
            let answers = harness.dataDir + "/console-answers"
            let rounds = try FileManager.default.contentsOfDirectory(atPath: answers)
            #expect(rounds.count == 1 && rounds[0].hasSuffix("-round-1-seed-7"), "\(rounds)")
            let folder = answers + "/" + (rounds.first ?? "")
            let sheets = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
                try ChaosGrader.parseSheet(yaml: String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
            }
            #expect(Set(sheets.compactMap(\.team)) == ["Alice", ConsoleHarness.bobName])
            #expect(sheets.first { $0.team == "Alice" }?.answers == [StudentAnswer(instance: "svc-02", scenario: "memory leak", start: "10:02")])
            #expect(sheets.first { $0.team == ConsoleHarness.bobName }?.answers == [StudentAnswer(instance: "svc-03", scenario: "disk fill")])
        }
    }

    @Test func theScoreboardIsTheInstructorsToShow() async throws {
        let harness = ConsoleHarness()
        try harness.writeJournal(Self.journal)
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            _ = try await client.post("/api/chaos/run", #"{"seed":7}"#, as: instructor)
            _ = try await client.post("/api/answers", #"{"instance":"svc-02","scenario":"scenario1"}"#, as: alice)
            _ = try await client.post("/api/chaos/reveal", "{}", as: instructor)

            let hidden = try await client.get("/api/scoreboard", as: alice)
            #expect(hidden.status == .forbidden)
            let own = try await client.get("/api/scoreboard", as: instructor).object
            #expect((own["rows"] as? [[String: Any]])?.first?["score"] as? Double == 100)

            #expect(try await client.post("/api/scoreboard", #"{"visible":true}"#, as: instructor).status == .ok)
            #expect(try await client.get("/api/round", as: alice).object["scoreboardVisible"] as? Bool == true)
            let shown = try await client.get("/api/scoreboard", as: alice)
            #expect(shown.status == .ok)
            let rows = try #require(shown.object["rows"] as? [[String: Any]])
            #expect(rows.map { $0["student"] as? String } == ["Alice"])
            // Scores only: never the answers themselves.
            #expect(!shown.text.contains("svc-02"))
        }
    }

    @Test func answersAreRateLimitedAndSizeCapped() async throws {
        var limits = AnswerLimits()
        limits.submissionsPerWindow = 3
        limits.perStudent = 2
        let harness = ConsoleHarness(limits: limits)
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            let bob = try await Browser.signIn(client, token: ConsoleHarness.bobToken)
            _ = try await client.post("/api/chaos/run", "{}", as: instructor)

            let long = String(repeating: "x", count: 65)
            let tooLong = try await client.post("/api/answers", #"{"instance":"\#(long)","scenario":"cpu"}"#, as: alice)
            #expect(tooLong.status == .unprocessableContent)
            let empty = try await client.post("/api/answers", #"{"instance":" ","scenario":"cpu"}"#, as: alice)
            #expect(empty.status == .unprocessableContent)
            let third = try await client.post("/api/answers", #"{"instance":"svc-01","scenario":"cpu"}"#, as: alice)
            #expect(third.status == .created)
            let fourth = try await client.post("/api/answers", #"{"instance":"svc-01","scenario":"cpu"}"#, as: alice)
            #expect(fourth.status == .tooManyRequests)
            // Another student has a window of their own; their answers are capped per round.
            #expect(try await client.post("/api/answers", #"{"instance":"svc-01","scenario":"cpu"}"#, as: bob).status == .created)
            #expect(try await client.post("/api/answers", #"{"instance":"svc-02","scenario":"cpu"}"#, as: bob).status == .created)
            #expect(try await client.post("/api/answers", #"{"instance":"svc-03","scenario":"cpu"}"#, as: bob).status == .contentTooLarge)
            let huge = try await client.post("/api/answers", #"{"instance":"svc-01","scenario":"\#(String(repeating: "y", count: 3_000))"}"#, as: bob)
            #expect(huge.status == .contentTooLarge)
        }
    }

    @Test func theRateLimitWindowPasses() throws {
        var limits = AnswerLimits()
        limits.submissionsPerWindow = 1
        var round = ChaosRound(limits: limits)
        round.open(seed: 1)
        let start = ContinuousClock.now
        let answer = StudentAnswer(instance: "svc-01", scenario: "cpu")
        try round.submit(answer, by: "a", at: start)
        #expect(throws: AnswerRefusal.rateLimited) { try round.submit(answer, by: "a", at: start + .seconds(59)) }
        try round.submit(answer, by: "a", at: start + limits.window)
        #expect(round.answers(of: "a").count == 2)
        // A new run starts a new round.
        round.open(seed: 2)
        #expect(round.answers(of: "a").isEmpty)
    }

    @Test func theKeyIsTheRoundsRunOnly() throws {
        let entries = try ChaosJournal.decode(Array((Self.journal.joined(separator: "\n") + "\n").utf8))
        #expect(ChaosRound.lastRun(of: entries, seed: 7).map(\.seed) == [7, 7])
        #expect(ChaosRound.lastRun(of: entries, seed: 3).map(\.seed) == [3, 3])
        #expect(ChaosRound.lastRun(of: entries, seed: nil).map(\.seed) == [7, 7])
    }

    @Test func theTimelineShowsChaosEventsToTheInstructor() async throws {
        let harness = ConsoleHarness()
        harness.hub.publish(FleetEvent(seq: 1, time: "2025-05-01T10:02:00.000Z", .chaosInjected(instance: "svc-02", scenario: .scenario1)))
        harness.hub.publish(FleetEvent(seq: 2, time: "2025-05-01T10:02:01.000Z", .scenarioStarted(instance: "svc-01", scenario: .scenario3, origin: .http)))
        harness.hub.publish(FleetEvent(seq: 3, time: "2025-05-01T10:03:00.000Z", .scenarioStopped(instance: "svc-02", scenario: .scenario1, origin: .chaos)))
        try await harness.test { client in
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            let chaos = try await client.get("/api/chaos", as: instructor).object
            let timeline = try #require(chaos["timeline"] as? [[String: Any]])
            #expect(timeline.map { $0["event"] as? String } == ["chaos.injected", "scenario.stopped"])
            #expect(chaos["key"] == nil)
        }
    }
}

/// Rounds the console did not start: `fleet chaos run` in a terminal, `fleet up --chaos`.
@Suite("Console rounds from the terminal")
struct ConsoleTerminalRoundTests {
    @Test func aTerminalRunOpensARoundAtItsFirstInjection() async throws {
        let harness = ConsoleHarness()
        try harness.writeJournal(ConsoleRoundTests.journal)
        harness.hub.publish(FleetEvent(seq: 1, time: "2025-05-01T10:02:00.000Z", .chaosInjected(instance: "svc-02", scenario: .scenario1)))
        try await harness.test { client in
            let alice = try await Browser.signIn(client, token: ConsoleHarness.aliceToken)
            #expect(try await client.get("/api/round", as: alice).object["phase"] as? String == "open")
            #expect(try await client.post("/api/answers", #"{"instance":"svc-02","scenario":"memory leak"}"#, as: alice).status == .created)
            let instructor = try await Browser.signIn(client, token: ConsoleHarness.instructorToken)
            // Without a seed of its own, the round's key is the journal's last run.
            let key = try #require(try await client.post("/api/chaos/reveal", "{}", as: instructor).object["key"] as? String)
            #expect(key.contains("svc-02") && !key.contains("svc-03"))
            #expect(try await client.get("/api/answers", as: alice).object["score"] as? Double == 100)
        }
    }

    @Test func anInjectionOfTheRevealedRunDoesNotReopenButALaterRunDoes() {
        var round = ChaosRound()
        round.noticeInjection(at: "2025-05-01T10:00:00.000Z")
        #expect(round.phase == .open)
        round.reveal(journal: [], at: "2025-05-01T10:30:00.000Z")
        round.noticeInjection(at: "2025-05-01T10:29:59.000Z")
        #expect(round.phase == .revealed)
        round.noticeInjection(at: "2025-05-01T11:00:00.000Z")
        #expect(round.phase == .open)
        #expect(round.seed == nil)
    }
}
