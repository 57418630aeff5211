import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only answer key of a chaos run: JSON Lines, one ``JournalEntry`` a line.
///
/// - **Thread-safe**: appends from any thread or task are serialized by a mutex, and each line
///   goes to the kernel in one `write(2)` on an `O_APPEND` descriptor, so lines never
///   interleave — not even with another process appending to the same file.
/// - **Flushed per line**: there is no user-space buffer; once ``append(_:)`` returns, the
///   line survives a crash of the process (a crash *during* the write can leave a truncated
///   last line, which ``read(path:)`` tolerates). It is not `fsync`ed: the journal of a
///   workshop need not survive a power cut, and `fsync` per line would stall the scheduler.
/// - **Instructor-only**: the file is created with mode `0600`, and an existing file is
///   reset to `0600`, so students sharing the machine cannot read the answers.
public final class ChaosJournal: Sendable {
    /// Where the journal is written.
    public let path: String

    /// The open descriptor, or `-1` once closed.
    private let descriptor: Mutex<Int32>

    /// Opens (creating it if needed, mode `0600`) the journal at `path` for appending.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError.cannotOpen(path: path, errno: errno) }
        // `open`'s mode only applies to a new file (and is masked by the umask): enforce it.
        _ = fchmod(fd, 0o600)
        self.path = path
        self.descriptor = Mutex(fd)
    }

    deinit {
        close()
    }

    /// Appends `entry` as one line and hands it to the kernel before returning.
    public func append(_ entry: JournalEntry) throws {
        // Encode outside the lock: only the write itself needs to be serialized.
        var line = try Self.encode(entry)
        line.append(UInt8(ascii: "\n"))
        try descriptor.withLock { fd in
            guard fd >= 0 else { throw JournalError.closed(path: path) }
            try line.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw JournalError.cannotWrite(path: path, errno: errno)
                    }
                    written += result
                }
            }
        }
    }

    /// Closes the file; later appends throw ``JournalError/closed(path:)``. Idempotent.
    public func close() {
        descriptor.withLock { fd in
            if fd >= 0 {
                #if canImport(Darwin)
                _ = Darwin.close(fd)
                #elseif canImport(Musl)
                _ = Musl.close(fd)
                #else
                _ = Glibc.close(fd)
                #endif
                fd = -1
            }
        }
    }

    /// One entry as compact JSON, keys sorted so that equal entries are equal bytes.
    static func encode(_ entry: JournalEntry) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(entry))
    }
}
