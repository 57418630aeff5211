import Foundation
import Testing

extension MultiProcessTests {
    /// A short chaos run on a real 3-instance fleet: the journal (the answer key) must match what
    /// the instances themselves reported over HTTP while it ran.
    @Suite(.serialized)
    struct ChaosRunTests {
        static let chaosYAML = """
            chaos: { duration: 10s, mean_gap: 1s, hold_min: 1500ms, hold_max: 2500ms, warmup: 500ms, max_concurrent: 2 }

            """

        /// A seed whose plan touches svc-02, where a "student" runs scenario1: that injection
        /// must be skipped and recorded, not fought over.
        static func seedTouchingSVC02(_ fleet: TestFleet) throws -> UInt64 {
            for seed in UInt64(1)...200 {
                let plan = try fleet.cli(["chaos", "plan", "--seed", String(seed)])
                let lines = plan.stdout.split(separator: "\n").dropFirst()
                if lines.count >= 3, lines.contains(where: { $0.contains("svc-02") }) { return seed }
            }
            throw FleetTestError("no seed in 1...200 plans an injection on svc-02")
        }

        @Test func theJournalMatchesWhatTheInstancesReported() async throws {
            let fleet = try TestFleet(name: "chaos", basePort: 22281, extraYAML: Self.chaosYAML)
            defer { fleet.tearDown() }
            let seed = try Self.seedTouchingSVC02(fleet)
            try await fleet.up()
            let student = try await TestFleet.http("POST", "http://127.0.0.1:\(fleet.port(2))/scenario/scenario1?action=start")
            #expect(student.status == 200)

            let run = try fleet.cli(["chaos", "run", "--seed", String(seed)])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("seed \(seed)"))

            // Sample every instance's own view every 100 ms until the run has ended (bounded).
            var samples: [(time: Date, instance: String, running: String?)] = []
            let journalPath = fleet.dataDir + "/chaos-journal.jsonl"
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                for ordinal in 1...3 {
                    let health = try await TestFleet.http("GET", "http://127.0.0.1:\(fleet.port(ordinal))/scenario/health")
                    let body = try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any]
                    let scenarios = try #require(body?["scenarios"] as? [String: String])
                    samples.append((Date(), fleet.id(ordinal), scenarios.first { $0.value == "running" }?.key))
                }
                if (try? String(contentsOfFile: journalPath, encoding: .utf8))?.contains("\"run_ended\"") == true { break }
                try await Task.sleep(for: .milliseconds(100))
            }

            let entries = try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n")
                .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            #expect(entries.first?["kind"] as? String == "run_started")
            #expect(entries.last?["kind"] as? String == "run_ended")
            #expect(entries.last?["reason"] as? String == "completed")

            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let stopped = entries.filter { $0["kind"] as? String == "stopped" }
            let skipped = entries.filter { $0["kind"] as? String == "skipped" }
            #expect(!stopped.isEmpty, "the plan applied nothing")
            #expect(skipped.contains { $0["instance"] as? String == "svc-02" && ($0["reason"] as? String)?.contains("busy with scenario1") == true })
            #expect(!stopped.contains { $0["instance"] as? String == "svc-02" }, "chaos must not touch the student's instance")

            var chaosIntervals: [(instance: String, scenario: String, start: Date, stop: Date)] = []
            for entry in stopped {
                let instance = try #require(entry["instance"] as? String)
                let scenario = try #require(entry["scenario"] as? String)
                let startText = try #require(entry["started_at"] as? String)
                let stopText = try #require(entry["stopped_at"] as? String)
                let start = try #require(formatter.date(from: startText))
                let stop = try #require(formatter.date(from: stopText))
                chaosIntervals.append((instance, scenario, start, stop))
                // During the interval the instance itself said it ran that scenario, and nothing else…
                let inside = samples.filter { $0.instance == instance && $0.time > start && $0.time < stop }
                #expect(inside.contains { $0.running == scenario }, "\(instance) never reported \(scenario) during its injection")
                #expect(inside.allSatisfy { $0.running == scenario || $0.running == nil }, "\(instance) ran another scenario during \(scenario)")
            }
            // …and well outside every interval, chaos' instances were idle (svc-02 stays the student's).
            for sample in samples where sample.instance != "svc-02" {
                let covered = chaosIntervals.contains {
                    // A sample's clock and the journal's differ by the time a request takes on a
                    // loaded machine: a second either side, not a guess at a few hundred ms.
                    $0.instance == sample.instance && sample.time > $0.start.addingTimeInterval(-1) && sample.time < $0.stop.addingTimeInterval(1)
                }
                if !covered { #expect(sample.running == nil, "\(sample.instance) ran \(sample.running ?? "") outside the journal at \(sample.time)") }
            }
            #expect(samples.filter { $0.instance == "svc-02" }.allSatisfy { $0.running == "scenario1" })

            let reveal = try fleet.cli(["chaos", "reveal"])
            #expect(reveal.status == 0)
            #expect(reveal.stdout.contains("skipped") && reveal.stdout.contains("hold elapsed"))
        }

        @Test func stoppingTheFleetStopsChaosAndRecordsIt() async throws {
            let fleet = try TestFleet(
                name: "chaosstop", basePort: 22381,
                extraYAML: "chaos: { duration: 1m, mean_gap: 200ms, hold_min: 30s, hold_max: 40s, warmup: 100ms, max_concurrent: 3 }\n")
            defer { fleet.tearDown() }
            try await fleet.up()
            #expect(try fleet.cli(["chaos", "run", "--seed", "3"]).status == 0)
            try await waitUntil(timeout: .seconds(5), "a chaos injection") {
                try fleet.status().contains { $0.scenario != nil }
            }
            #expect(try fleet.cli(["down"]).status == 0)
            let journal = try String(contentsOfFile: fleet.dataDir + "/chaos-journal.jsonl", encoding: .utf8)
            #expect(journal.contains(#""reason":"interrupted""#))
            #expect(journal.contains("chaos stopped"))
            #expect(fleet.instanceProcessIDs().isEmpty)
        }
    }
}
