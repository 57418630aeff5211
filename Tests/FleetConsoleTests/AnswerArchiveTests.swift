import FleetChaos
import Foundation
import Testing

@testable import FleetConsole

/// The console's rounds on disk: one folder per round, one answer sheet per student, file names
/// safe whatever a name holds, a file that only grows.
@Suite struct AnswerArchiveTests {
    @Test func fileNamesAreSafeDistinctAndStable() {
        let names = ["Alice", "Ann Lee", "ann-lee", "../../etc/passwd", "李雷", "", #"<script>alert("x")</script>"#,
                     String(repeating: "Maximilian ", count: 10)]
        let files = names.map(AnswerArchive.fileName(of:))
        #expect(Set(files).count == names.count, "two students share a file: \(files)")
        for file in files {
            #expect(!file.contains("/") && !file.hasPrefix(".") && file.hasSuffix(".yaml"), "unsafe: \(file)")
            #expect(file.unicodeScalars.allSatisfy { $0.isASCII }, "not ASCII: \(file)")
            #expect(file.count <= 40 + 1 + 8 + 5, "too long: \(file)")
        }
        #expect(files[1].hasPrefix("ann-lee-"))
        #expect(files[3].hasPrefix("etc-passwd-"))
        #expect(files[4].hasPrefix("student-"))
        // FNV-1a of "Alice": the same file from one run (and one machine) to the next.
        #expect(files[0] == "alice-2cdd8587.yaml")
    }

    @Test func eachRoundHasAFolderAndEachAnswerRewritesTheStudentsSheet() throws {
        let directory = NSTemporaryDirectory() + "fleetsim-archive-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let archive = AnswerArchive(directory: directory)
        let opened = Date(timeIntervalSince1970: 1_764_658_680)  // 2025-12-02T06:58:00Z
        let first = StudentAnswer(instance: "svc-02", scenario: "memory leak", start: "10:42")
        let second = StudentAnswer(instance: "svc-03", scenario: "disk fill")

        let path = try archive.save(AnswerSheet(team: "Alice", answers: [first]), student: "Alice", round: 1, seed: 7, at: opened)
        #expect(path == directory + "/20251202T065800Z-round-1-seed-7/alice-2cdd8587.yaml")
        let again = try archive.save(
            AnswerSheet(team: "Alice", answers: [first, second]), student: "Alice", round: 1, seed: 7, at: opened + 90)
        #expect(again == path, "a later answer of the same round goes to the same file")
        #expect(try ChaosGrader.parseSheet(yaml: String(contentsOfFile: path, encoding: .utf8)) == AnswerSheet(team: "Alice", answers: [first, second]))

        // A slower request carrying fewer answers does not undo the file.
        try archive.save(AnswerSheet(team: "Alice", answers: [first]), student: "Alice", round: 1, seed: 7, at: opened + 91)
        #expect(try ChaosGrader.parseSheet(yaml: String(contentsOfFile: path, encoding: .utf8)).answers.count == 2)

        // The next round: a folder of its own (no seed: a run the console did not start).
        let next = try archive.save(AnswerSheet(team: "Alice", answers: [second]), student: "Alice", round: 2, seed: nil, at: opened + 600)
        #expect(next == directory + "/20251202T070800Z-round-2/alice-2cdd8587.yaml")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["20251202T065800Z-round-1-seed-7", "20251202T070800Z-round-2"])
    }
}
