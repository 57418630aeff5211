import Foundation
import Testing

/// `fleet chaos grade` as an instructor types it, on the class fixtures of FleetChaosTests
/// (copied to `answers/` of a scratch folder): the printed table and CSV, where the broken
/// sheets are reported, and the exit status — 0 while any sheet could be graded, 1 when none.
@Suite struct ChaosGradeCommandTests {
    static let fixtures = TestFleet.repositoryRoot + "/Tests/FleetChaosTests/Fixtures"

    /// Runs `fleet <arguments>` in a scratch folder holding `answers/` (the class sheets) and
    /// `journal.jsonl`, with the built-in default configuration (five instances).
    func grade(_ arguments: String) throws -> CommandResult {
        let scratch = NSTemporaryDirectory() + "fleetsim-grade-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/class", toPath: scratch + "/answers")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/grading-journal.jsonl", toPath: scratch + "/journal.jsonl")
        return try CommandResult.run("/bin/sh", ["-c", "cd '\(scratch)' && exec '\(TestFleet.binary)' chaos grade --journal journal.jsonl \(arguments)"])
    }

    @Test func aFolderGivesTheClassTableWithTheBrokenSheetsUnderIt() throws {
        let result = try grade("answers/")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("RANK  SHEET") == true)
        #expect(lines.dropFirst().prefix(3).map { $0.split(separator: " ")[1] } == ["green", "blue", "answers/red.yaml"])
        #expect(lines.filter { $0.hasPrefix("not graded: answers/") }.count == 4, "\(result.stdout)")
    }

    @Test func csvIsTheFixtureAndProblemsGoToStandardError() throws {
        let result = try grade("answers/ --format csv")
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOfFile: Self.fixtures + "/class-expected.csv", encoding: .utf8)))
        #expect(result.stderr.contains("not graded: answers/unknown-instance.yaml:5: unknown instance \"svc-09\""), "\(result.stderr)")
    }

    @Test func globbedFilesWorkLikeTheFolder() throws {
        let folder = try grade("answers/ --format json")
        let globbed = try grade("answers/*.yaml --format json")
        #expect(globbed.status == 0 && globbed.stdout == folder.stdout)
    }

    @Test func exitsNonZeroOnlyWhenNoSheetCouldBeGraded() throws {
        let none = try grade("answers/broken-yaml.yaml answers/bad-start.yaml")
        #expect(none.status == 1)
        #expect(none.stdout.contains("0 sheets graded against 5 injections"))
        let one = try grade("answers/broken-yaml.yaml answers/red.yaml")
        #expect(one.status == 0)
        let single = try grade("answers/unknown-scenario.yaml")
        #expect(single.status != 0 && single.stderr.contains("answers/unknown-scenario.yaml:4: unrecognized scenario \"gremlins\""))
        let detail = try grade("answers/blue.yaml")
        #expect(detail.status == 0 && detail.stdout.contains("score 40.0%"))
    }
}
