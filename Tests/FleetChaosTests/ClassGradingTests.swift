@testable import FleetChaos
import FleetModel
import Foundation
import Testing

/// A whole class graded at once: the `Fixtures/class` folder holds three good or partly wrong
/// sheets and four broken ones, graded against the grading journal as `fleet chaos grade
/// answers/` does (files named `answers/<name>`, in name order).
@Suite struct ClassGradingTests {
    func classGrade() throws -> ClassGrade {
        let journal = try ChaosJournal.read(path: TestSupport.fixtureURL("grading-journal.jsonl").path)
        let folder = try TestSupport.fixtureURL("class").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        let sources: [ClassGrade.Source] = try names.map { name in
            ("answers/\(name)", .success(try String(contentsOfFile: folder + "/" + name, encoding: .utf8)))
        }
        // The fixture journal predates `run_started.instances`: the configuration's five count.
        let instanceIDs = ChaosJournal.instanceIDs(in: journal, fallback: TestSupport.instanceIDs(5))
        return ClassGrade.grade(sources: sources, journal: journal, instanceIDs: instanceIDs)
    }

    @Test func sheetsAreSortedByScoreAndNamedByTeamElseFile() throws {
        let grade = try classGrade()
        #expect(grade.sheets.map(\.name) == ["green", "blue", "answers/red.yaml"])
        #expect(grade.sheets.map(\.report.score) == [100, 40, 10])
        #expect(grade.injections == 5)
        let red = try #require(grade.sheets.last?.report)
        #expect((red.truePositives, red.wrongScenario, red.falseAlarms, red.missed) == (1, 0, 1, 4))
        // green: 7.123 + 29.5 + 0 + 14.75 + 50 s over 5 true positives.
        #expect(grade.sheets.first?.report.meanStartError == .milliseconds(20_275))
    }

    @Test func everyBrokenSheetIsReportedWithFileLineAndReason() throws {
        let problems = try classGrade().problems
        #expect(problems.map(\.file) == [
            "answers/bad-start.yaml", "answers/broken-yaml.yaml", "answers/unknown-instance.yaml", "answers/unknown-scenario.yaml",
        ])
        #expect(problems.map(\.line) == [5, 5, 5, 4])
        #expect(problems[0].reason.hasPrefix("cannot read start \"after lunch\""))
        #expect(problems[1].reason.hasPrefix("not valid YAML"))
        #expect(problems[2].description == "answers/unknown-instance.yaml:5: unknown instance \"svc-09\": this fleet's instances are svc-01 … svc-05")
        #expect(problems[3].reason.hasPrefix("unrecognized scenario \"gremlins\": use one of scenario1, scenario2"))
    }

    @Test func tableMatchesFixture() throws {
        let text = try classGrade().renderTable()
        // The fixture names the scenarios by placeholder, so that adding a scenario does not change it.
        let aliases = ScenarioAlias.allCases.map(\.rawValue).joined(separator: ", ")
        let failureModes = ScenarioAlias.allCases.map(\.failureMode).joined(separator: ", ")
        let generic = text.replacingOccurrences(of: aliases, with: "{aliases}").replacingOccurrences(of: failureModes, with: "{failure modes}")
        if try TestSupport.updateFixtureIfRequested("class-expected.txt", text: generic) { return }
        #expect(generic == (try TestSupport.fixture("class-expected.txt")), "rendered:\n\(text)")
    }

    @Test func csvMatchesFixture() throws {
        let text = try classGrade().renderCSV()
        if try TestSupport.updateFixtureIfRequested("class-expected.csv", text: text) { return }
        #expect(text == (try TestSupport.fixture("class-expected.csv")), "rendered:\n\(text)")
    }

    @Test func jsonHasEveryRowAndEveryProblem() throws {
        let text = ClassGradeFormat.json.render(try classGrade())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let sheets = try #require(object["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["sheet"] as? String } == ["green", "blue", "answers/red.yaml"])
        #expect(sheets.map { $0["score_percent"] as? Double } == [100, 40, 10])
        #expect(sheets[1]["mean_start_error_ms"] as? Int == 33_562)
        #expect(sheets[2]["team"] is NSNull)
        let problems = try #require(object["not_graded"] as? [[String: Any]])
        #expect(problems.map { $0["line"] as? Int } == [5, 5, 5, 4])
    }

    @Test func equalScoresShareARank() {
        let report = GradeReport(lines: [], injections: 0)
        let grade = ClassGrade(
            sheets: ["b", "a", "c"].map { SheetGrade(file: "\($0).yaml", team: nil, report: report) }
                + [SheetGrade(file: "d.yaml", team: nil, report: GradeReport(lines: [
                    GradeLine(answerNumber: 1, answer: StudentAnswer(instance: "svc-01", scenario: "disk"), injection: nil, verdict: .falseAlarm),
                ], injections: 0))],
            problems: [], injections: 0)
        #expect(grade.sheets.map(\.file) == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"])
        #expect(grade.ranks == [1, 1, 1, 4])
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        #expect(ClassGrade.csvField("team, blue") == "\"team, blue\"")
        #expect(ClassGrade.csvField("the \"A\" team") == "\"the \"\"A\"\" team\"")
        #expect(ClassGrade.csvField("blue") == "blue")
    }

    @Test func answersMayOnlyNameTheFleetsInstancesWhenTheyAreKnown() throws {
        let yaml = "team: x\nanswers:\n  - {instance: svc2, scenario: disk}\n  - {instance: web-1, scenario: disk}\n"
        #expect(try ChaosGrader.parseAnswers(yaml: yaml).count == 2)
        #expect(throws: AnswersError(line: 4, message: "unknown instance \"web-1\": this fleet's instances are svc-01, svc-02")) {
            try ChaosGrader.parseSheet(yaml: yaml, instanceIDs: ["svc-01", "svc-02"])
        }
        #expect(try ChaosGrader.parseSheet(yaml: yaml, instanceIDs: ["svc-02", "web-1"]).team == "x")
    }

    @Test func theJournalsFleetDecidesWhichInstancesExist() {
        let t0 = Date(timeIntervalSince1970: 1_746_093_600)
        let run = JournalEntry.runStarted(seed: 1, instances: ["svc-01", "svc-02", "svc-03", "svc-04", "svc-05", "svc-06"], at: t0)
        // A run on `fleet up --instances 6` with a five-instance configuration: svc-06 exists.
        #expect(ChaosJournal.instanceIDs(in: [run], fallback: TestSupport.instanceIDs(5)).last == "svc-06")
        #expect(ChaosJournal.instanceIDs(in: [run], fallback: TestSupport.instanceIDs(5)).count == 6)
        // An old journal without the list falls back to the configuration, plus what it names.
        let old = JournalEntry.runStarted(seed: 1, at: t0)
        #expect(ChaosJournal.instanceIDs(in: [old], fallback: ["svc-01"]) == ["svc-01"])
    }

    @Test func theTemplateInLabIsAValidSheet() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../lab/answers.example.yaml").standardized.path
        let sheet = try ChaosGrader.parseSheet(yaml: try String(contentsOfFile: path, encoding: .utf8), instanceIDs: TestSupport.instanceIDs(5))
        #expect(sheet.team != nil)
        #expect(!sheet.answers.isEmpty)
    }
}
