import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold secrets (tokens, keys): mode 0600 from their first byte, replaced atomically.
///
/// Hand-written on POSIX calls because Foundation's atomic write creates its temporary file with
/// the umask's mode (usually 0644) and only then could be chmod-ed: a window in which another
/// user may open the secret. Here the temporary file is created 0600 with `O_EXCL`, written,
/// synced and renamed over the old file, so a reader sees the old secret or the new one, whole.
public enum SecretFile {
    /// Why a secret file could not be read or written, as a sentence naming the path.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// What went wrong, with the path.
        public let description: String
    }

    /// Writes `data` to `path` with mode 0600, atomically; creates the parent folder (0700) if missing.
    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(description: "cannot create the folder \(folder) for \(path): \(error.localizedDescription)")
            }
        }
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create", temporary) }
        var written = 0
        let succeeded = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = posixWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            // The umask may only have narrowed the mode; say 0600 explicitly all the same.
            return fchmod(descriptor, 0o600) == 0 && fsync(descriptor) == 0
        }
        let writeError = errno
        close(descriptor)
        guard succeeded else {
            unlink(temporary)
            errno = writeError
            throw failure("cannot write", temporary)
        }
        guard rename(temporary, path) == 0 else {
            let renameError = errno
            unlink(temporary)
            errno = renameError
            throw failure("cannot replace", path)
        }
    }

    /// The contents of `path`, or `nil` when it does not exist.
    ///
    /// - Throws: ``Failure`` when the file is readable or writable by group or others (a secret
    ///   someone else may have read is no secret: the message says how to fix it), or unreadable.
    public static func read(_ path: String) throws -> Data? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot read", path)
        }
        guard status.st_mode & 0o077 == 0 else {
            throw Failure(description:
                "\(path) is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); "
                + "it holds secrets: run `chmod 600 \(path)` or delete it to get new ones")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot read", path) }
        return data
    }

    /// The permission bits of `path` (`0o600`), or `nil` when it does not exist.
    public static func permissions(of path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_mode & 0o777)
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}

/// `write(2)`, named apart from ``SecretFile/write(_:to:)`` which would shadow it inside the type.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
