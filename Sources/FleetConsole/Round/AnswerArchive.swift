import FleetChaos
import Foundation
import Synchronization

/// The students' answers of the console's rounds, kept on disk as answer sheets.
///
/// The console grades in memory, and memory ends with the fleet. Here each round gets a folder
/// under `<data_dir>/console-answers/` (`20261202T065800Z-round-1-seed-42`), and each student
/// who answers a file in it, rewritten at every answer: `team:` is the student's name, the
/// answers are theirs, in the format `fleet chaos grade` reads. So an instructor can grade the
/// round again after the class (`fleet chaos grade .fleet/console-answers/<round>/`), compare
/// it with paper sheets, or keep it.
final class AnswerArchive: Sendable {
    /// Where the round folders go.
    let directory: String

    /// The folder of the round being written, and how many answers of each student it holds.
    private let written = Mutex<(round: Int, folder: String, counts: [String: Int])?>(nil)

    private static let folderTime = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

    /// An archive in `directory` (created with the first answer).
    init(directory: String) {
        self.directory = directory
    }

    /// Writes `sheet`, all of `student`'s answers of round `round` so far, replacing their
    /// previous file of that round. A round's folder is made at its first answer, named after
    /// `now` and the round's seed. A sheet with fewer answers than the one already written
    /// (two answers of one student racing) is not written: the file only ever grows.
    ///
    /// - Returns: the file's path.
    @discardableResult
    func save(_ sheet: AnswerSheet, student: String, round: Int, seed: UInt64?, at now: Date) throws -> String {
        try written.withLock { written in
            if written?.round != round {
                let name = "\(now.formatted(Self.folderTime))-round-\(round)" + (seed.map { "-seed-\($0)" } ?? "")
                written = (round, (directory as NSString).appendingPathComponent(name), [:])
            }
            guard let current = written else { preconditionFailure("set just above") }
            let path = (current.folder as NSString).appendingPathComponent(Self.fileName(of: student))
            if let count = current.counts[student], count > sheet.answers.count { return path }
            try FileManager.default.createDirectory(atPath: current.folder, withIntermediateDirectories: true)
            // Atomically: `fleet chaos grade` run meanwhile reads the old sheet or the new one.
            try Data(try sheet.yaml().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            written?.counts[student] = sheet.answers.count
            return path
        }
    }

    /// A file name for `student` that is safe whatever the name holds: its letters and digits
    /// (ASCII, lower case, other runs become `-`, at most 40), then a stable hash of the whole
    /// name, so `Ann Lee` and `ann-lee` get two files. The name itself is in the sheet's `team:`.
    static func fileName(of student: String) -> String {
        var slug = ""
        for scalar in student.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 40 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        // FNV-1a: stable from one run to the next (Swift's `Hasher` is seeded per process).
        var hash: UInt32 = 0x811C_9DC5
        for byte in student.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        let suffix = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 8 - suffix.count) + suffix
        return "\(slug.isEmpty ? "student" : slug)-\(padded).yaml"
    }
}
