/// Why a journal could not be opened, written or read.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `open(2)` failed.
    case cannotOpen(path: String, errno: Int32)
    /// `write(2)` failed.
    case cannotWrite(path: String, errno: Int32)
    /// The journal was closed before this append.
    case closed(path: String)
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// A complete line (1-based `line`) is not a journal entry. A *truncated last* line is not
    /// an error: it is what a crash mid-write leaves, and reading drops it.
    case malformedLine(path: String, line: Int, reason: String)

    /// A one-line message naming the file (and line).
    public var description: String {
        switch self {
        case .cannotOpen(let path, let errno): return "\(path): cannot open journal (errno \(errno))"
        case .cannotWrite(let path, let errno): return "\(path): cannot write journal (errno \(errno))"
        case .closed(let path): return "\(path): journal is closed"
        case .cannotRead(let path, let reason): return "\(path): cannot read journal: \(reason)"
        case .malformedLine(let path, let line, let reason): return "\(path):\(line): not a journal entry: \(reason)"
        }
    }
}
