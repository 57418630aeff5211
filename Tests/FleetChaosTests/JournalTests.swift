import FleetChaos
import FleetModel
import Foundation
import Testing

/// The journal file: concurrent appends, permissions, tolerant reading.
@Suite struct JournalTests {
    let injection = Injection(offset: .milliseconds(127_123), instance: "svc-02", scenario: .scenario1, hold: .seconds(120))
    let start = Date(timeIntervalSince1970: 1_746_093_727.123)  // 2025-05-01T10:02:07.123Z

    @Test func entriesRoundTripAsOneSortedJSONObjectPerLine() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        let journal = try ChaosJournal(path: path)
        let entries: [JournalEntry] = [
            .runStarted(seed: 42, at: start.addingTimeInterval(-127.123)),
            .applied(injection, seed: 42, at: start),
            .stopped(injection, seed: 42, startedAt: start, at: start.addingTimeInterval(120.017), reason: "hold elapsed"),
            .skipped(injection, seed: 42, at: start.addingTimeInterval(300), reason: "instance busy with scenario2 (started by a student)"),
            .runEnded(seed: 42, at: start.addingTimeInterval(900), reason: "completed"),
        ]
        for entry in entries { try journal.append(entry) }
        journal.close()

        #expect(try ChaosJournal.read(path: path) == entries)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == entries.count + 1 && lines.last == "")
        #expect(lines[1] == #"{"hold_ms":120000,"instance":"svc-02","kind":"applied","planned_offset_ms":127123,"scenario":"scenario1","seed":42,"started_at":"2025-05-01T10:02:07.123Z"}"#)
        #expect(lines[0] == #"{"kind":"run_started","seed":42,"started_at":"2025-05-01T10:00:00.000Z"}"#)
        #expect(entries[2].stoppedAt == "2025-05-01T10:04:07.140Z")
    }

    @Test func fileIsCreatedInstructorOnly() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        // Even a pre-existing, world-readable file is narrowed to 0600.
        try Data().write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let journal = try ChaosJournal(path: path)
        try journal.append(.runStarted(seed: 1, at: start))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)

        let fresh = directory.appendingPathComponent("fresh.jsonl").path
        _ = try ChaosJournal(path: fresh)
        let freshPermissions = try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? NSNumber
        #expect(freshPermissions?.intValue == 0o600)
    }

    @Test func concurrentAppendsFromManyThreadsKeepEveryLineIntact() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        let journal = try ChaosJournal(path: path)
        let threads = 8
        let perThread = 250
        // A long reason makes each line several hundred bytes, so torn writes would show.
        let padding = String(repeating: "x", count: 400)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<perThread {
                let entry = JournalEntry(
                    kind: .skipped, seed: UInt64(thread), instance: "svc-\(thread)",
                    plannedOffset: .milliseconds(Int64(index)), startedAt: "2025-05-01T10:00:00.000Z",
                    reason: "\(thread)-\(index)-\(padding)"
                )
                try! journal.append(entry)
            }
        }
        journal.close()

        let entries = try ChaosJournal.read(path: path)
        #expect(entries.count == threads * perThread)
        let seen = Set(entries.compactMap(\.reason))
        #expect(seen.count == threads * perThread)
        // Each thread's own lines stay in its order: one write per line, O_APPEND.
        for thread in 0..<threads {
            let offsets = entries.filter { $0.seed == UInt64(thread) }.compactMap { $0.plannedOffset?.wholeMilliseconds }
            #expect(offsets == (0..<Int64(perThread)).map { $0 })
        }
    }

    @Test func aTruncatedLastLineIsDropped() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("journal.jsonl").path
        let journal = try ChaosJournal(path: path)
        try journal.append(.runStarted(seed: 42, at: start))
        try journal.append(.applied(injection, seed: 42, at: start))
        journal.close()
        // What a crash in the middle of the next write leaves behind.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"kind":"stopped","seed":42,"instance":"svc-0"#.utf8))
        try handle.close()

        let entries = try ChaosJournal.read(path: path)
        #expect(entries.map(\.kind) == [.runStarted, .applied])
    }

    @Test func aBrokenCompleteLineIsAnErrorNamingTheLine() throws {
        let text = """
            {"kind":"run_started","seed":42,"started_at":"2025-05-01T10:00:00.000Z"}

            {"kind":"applied","seed":42,"scenario":"scenario9"}
            {"kind":"run_ended","seed":42}

            """
        #expect(throws: JournalError.self) { try ChaosJournal.decode(Array(text.utf8)) }
        do {
            _ = try ChaosJournal.decode(Array(text.utf8), path: "j.jsonl")
        } catch let error as JournalError {
            guard case .malformedLine(let path, let line, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "j.jsonl" && line == 3)
            #expect(error.description.hasPrefix("j.jsonl:3: not a journal entry"))
        }
    }

    @Test func unknownKindsAreKept() throws {
        let text = #"{"kind":"paused","seed":7,"started_at":"2025-05-01T10:00:00.000Z"}"# + "\n"
        let entries = try ChaosJournal.decode(Array(text.utf8))
        #expect(entries.first?.kind == JournalKind(rawValue: "paused"))
    }

    @Test func appendAfterCloseThrows() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try ChaosJournal(path: directory.appendingPathComponent("j.jsonl").path)
        journal.close()
        journal.close()  // idempotent
        #expect(throws: JournalError.closed(path: journal.path)) { try journal.append(.runStarted(seed: 1, at: start)) }
    }

    @Test func openingInAMissingDirectoryFails() {
        #expect(throws: JournalError.self) { _ = try ChaosJournal(path: "/nonexistent-dir-fleetchaos/j.jsonl") }
    }
}
