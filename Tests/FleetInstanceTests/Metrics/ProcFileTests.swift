import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// The procfs parsing behind every scrape's process readings.
    @Suite("procfs files")
    struct ProcFileTests {
        static func file(_ text: String) -> ProcFile { ProcFile(bytes: Array(text.utf8)) }

        @Test("stat fields start after the last ')' of the command name, whatever it contains")
        func statFieldsAfterCommandName() {
            let stat = Self.file("4242 (svc (01) x) S 1 4242 4242 0 -1 4194560 120 0 0 0 7 3 0 0 20 0 5 0 987 1000 250 18446744073709551615\n")
            let fields = stat.statFields()
            #expect(fields.count == 23)
            #expect(fields.first.map { Array($0) } == Array("S".utf8))
            // Field 14 (utime) is element 11, field 20 (threads) element 17, field 24 (rss) element 21.
            #expect(ProcFile.integer(fields[11]) == 7)
            #expect(ProcFile.integer(fields[17]) == 5)
            #expect(ProcFile.integer(fields[21]) == 250)
        }

        @Test("a value after its key, spaces or tabs between; nil for an absent key")
        func valueAfterKey() {
            let status = Self.file("Name:\tfleet\nVmRSS:\t    2048 kB\nVmSwap:\t       12 kB\nThreads:\t5\n")
            #expect(status.value(after: "VmSwap:") == 12)
            #expect(status.value(after: "VmRSS:") == 2048)
            #expect(status.value(after: "VmPeak:") == nil)
            #expect(Self.file("cpu  1 2 3\nbtime 1700000000\nprocesses 9\n").value(after: "btime ") == 1_700_000_000)
        }

        @Test("integers: digits only, overflow is nil not a wrong number")
        func integers() {
            #expect(ProcFile.integer(Array("0".utf8)) == 0)
            #expect(ProcFile.integer(Array("9223372036854775807".utf8)) == .max)
            #expect(ProcFile.integer(Array("9223372036854775808".utf8)) == nil)
            #expect(ProcFile.integer(Array("-1".utf8)) == nil)
            #expect(ProcFile.integer([UInt8]()) == nil)
        }

        @Test("a directory's entries are counted without . and ..")
        func directoryEntries() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("procfile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for name in ["a", ".hidden", "..x"] {
                FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
            }
            #expect(ProcFile.entryCount(of: folder.path) == 3)
            #expect(ProcFile.entryCount(of: folder.appendingPathComponent("missing").path) == nil)
        }

        @Test("this process's own stat reads as a real one")
        func ownStat() throws {
            let fields = try #require(ProcFile("/proc/self/stat")).statFields()
            #expect(fields.count >= 22)
            // The state of the main thread (a letter of proc(5)), and a thread count: the test
            // runner's threads at least.
            let state = try #require(fields.first.flatMap { $0.count == 1 ? $0.first : nil })
            #expect(Array("RSDTtZXIWP".utf8).contains(state))
            #expect((ProcFile.integer(fields[17]) ?? 0) >= 1)
        }
    }
}
