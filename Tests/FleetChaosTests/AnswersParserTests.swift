import FleetChaos
import FleetModel
import Testing

/// Reading answers files: both shapes, forgiving scenario names, errors that name the line.
@Suite struct AnswersParserTests {
    @Test func readsTheFixtureAsWritten() throws {
        let answers = try ChaosGrader.parseAnswers(yaml: TestSupport.fixture("grading-answers.yaml"))
        #expect(answers == [
            StudentAnswer(instance: "svc-02", scenario: "scenario1", start: "10:02"),
            StudentAnswer(instance: "svc2", scenario: "rate limit", start: "10:12"),
            StudentAnswer(instance: "svc-04", scenario: "memory leak", start: "2025-05-01T10:06:00Z"),
            StudentAnswer(instance: "svc-01", scenario: "429", start: "10:07"),
            StudentAnswer(instance: "5", scenario: "HTTP 429s", start: nil),
            StudentAnswer(instance: "svc-02", scenario: "disk", start: "10:30"),
        ])
    }

    @Test func acceptsABareListEmptyFilesAndStartSynonyms() throws {
        let bare = try ChaosGrader.parseAnswers(yaml: """
            - instance: svc-01
              scenario: s3
              time: 10:42:30
            - {instance: svc-03, scenario: oom, started_at: ~}
            """)
        #expect(bare == [
            StudentAnswer(instance: "svc-01", scenario: "s3", start: "10:42:30"),
            StudentAnswer(instance: "svc-03", scenario: "oom", start: nil),
        ])
        #expect(try ChaosGrader.parseAnswers(yaml: "") == [])
        #expect(try ChaosGrader.parseAnswers(yaml: "# nothing found\n") == [])
        #expect(try ChaosGrader.parseAnswers(yaml: "answers:\n") == [])
        #expect(try ChaosGrader.parseAnswers(yaml: "answers: []\n") == [])
    }

    @Test(arguments: [
        ("scenario1", ScenarioAlias.scenario1), ("Scenario 1", .scenario1), ("scenario-1", .scenario1), ("s1", .scenario1),
        ("1", .scenario1), ("#1", .scenario1), ("memory leak", .scenario1), ("Memory", .scenario1), ("OOM", .scenario1),
        ("out of memory", .scenario1), ("heap growth", .scenario1), ("RAM", .scenario1), ("scenario1 (memory leak)", .scenario1),
        ("memory limit reached", .scenario1),
        ("scenario2", .scenario2), ("sc2", .scenario2), ("disk", .scenario2), ("Disk fill", .scenario2), ("disk_full", .scenario2),
        ("filesystem", .scenario2), ("file system full", .scenario2), ("no space left", .scenario2), ("storage", .scenario2),
        ("scenario3", .scenario3), ("3", .scenario3), ("rate limit", .scenario3), ("rate-limiting", .scenario3),
        ("429", .scenario3), ("HTTP 429s", .scenario3), ("too many requests", .scenario3), ("Throttling", .scenario3),
        ("scenario4", .scenario4), ("latency", .scenario4), ("slow responses", .scenario4), ("high p99", .scenario4),
        ("scenario5", .scenario5), ("errors", .scenario5), ("HTTP 500s", .scenario5), ("5xx", .scenario5),
        ("error rate", .scenario5), ("internal server error", .scenario5),
        ("scenario6", .scenario6), ("cpu", .scenario6), ("CPU burn", .scenario6), ("high load", .scenario6),
        ("scenario7", .scenario7), ("crash loop", .scenario7), ("crash-loop", .scenario7), ("restarts", .scenario7),
        ("scenario8", .scenario8), ("fd leak", .scenario8), ("FD-leak", .scenario8), ("file descriptor leak", .scenario8),
        ("too many open files", .scenario8), ("descriptors", .scenario8),
    ])
    func scenarioWordsAreRecognized(text: String, expected: ScenarioAlias) {
        #expect(ScenarioAlias(answer: text) == expected)
    }

    @Test(arguments: ["", "scenario9", "memory or disk", "scenario1 disk", "limit", "cpu or latency", "fd leak or memory"])
    func unclearScenariosAreNotGuessed(text: String) {
        #expect(ScenarioAlias(answer: text) == nil)
    }

    @Test func errorsNameTheLine() {
        func error(_ yaml: String) -> AnswersError? {
            do {
                _ = try ChaosGrader.parseAnswers(yaml: yaml)
                return nil
            } catch {
                return error as? AnswersError
            }
        }
        let unknownScenario = error("""
            answers:
              - instance: svc-01
                scenario: disk
              - instance: svc-02
                scenario: network partition
            """)
        #expect(unknownScenario?.line == 5)
        #expect(unknownScenario?.description.hasPrefix("line 5: unrecognized scenario \"network partition\"") == true)

        let badStart = error("answers:\n  - instance: svc-01\n    scenario: disk\n    start: about ten\n")
        #expect(badStart?.line == 4)
        #expect(badStart?.message.contains("HH:MM") == true)

        #expect(error("answers:\n  - scenario: disk\n")?.line == 2)
        #expect(error("answers:\n  - instance: svc-01\n")?.message.contains("no `scenario:`") == true)
        #expect(error("answers:\n  - instance: [svc-01, svc-02]\n    scenario: disk\n")?.line == 2)
        #expect(error("answers:\n  - just a string\n")?.line == 2)
        #expect(error("answers: svc-01\n")?.line == 1)
        #expect(error("students: []\n")?.message.contains("answers:") == true)
        #expect(error("42\n") != nil)

        let syntax = error("answers:\n  - instance: svc-01\n    scenario: [disk\n")
        #expect(syntax?.message.hasPrefix("not valid YAML") == true)
        #expect((syntax?.line ?? 0) >= 3)
    }
}
