import Foundation

extension ChaosJournal {
    /// Reads every entry of the journal at `path`, in file order.
    ///
    /// Blank lines are ignored. A last line without its newline that does not decode is the
    /// trace of a crash during a write and is dropped silently; any other line that does not
    /// decode throws ``JournalError/malformedLine(path:line:reason:)`` with its line number —
    /// the answer key must not be silently incomplete.
    public static func read(path: String) throws -> [JournalEntry] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw JournalError.cannotRead(path: path, reason: String(describing: error))
        }
        return try decode(Array(data), path: path)
    }

    /// Decodes JSON Lines bytes (see ``read(path:)``); `path` only names the source in errors.
    public static func decode(_ bytes: [UInt8], path: String = "<journal>") throws -> [JournalEntry] {
        let decoder = JSONDecoder()
        let newline = UInt8(ascii: "\n")
        let endsWithNewline = bytes.last == newline
        let lines = bytes.split(separator: newline, omittingEmptySubsequences: false)
        var entries: [JournalEntry] = []
        for (index, line) in lines.enumerated() {
            let isUnterminatedLast = index == lines.count - 1 && !endsWithNewline
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                continue
            }
            do {
                entries.append(try decoder.decode(JournalEntry.self, from: Data(line)))
            } catch {
                if isUnterminatedLast { break }
                throw JournalError.malformedLine(path: path, line: index + 1, reason: describe(error))
            }
        }
        return entries
    }

    /// A short reason for a decoding error (Foundation's descriptions are long and nested).
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "bad \"\(path)\": \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "invalid JSON" : "bad \"\(path)\": \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
