#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What this machine can give a fleet right now, for ``FleetConfig/validateResources(freeMemory:freeDisk:)``.
///
/// Both readings are deliberately forgiving: when a number cannot be read (no `/proc` on
/// macOS, a sandbox without `statvfs`) they return `Int64.max` bytes — "unknown, do not
/// block" — because refusing to start on an unreadable counter would be worse than the
/// resource check missing an impossible fleet.
public enum MachineResources {
    /// `MemAvailable` of `/proc/meminfo`: memory that can be handed out without swapping,
    /// which is what the scenario1 leaks of all instances will take.
    public static func freeMemory() -> ByteSize {
        guard let text = readFile("/proc/meminfo"), let available = memAvailable(inMeminfo: text) else {
            return ByteSize(bytes: .max)
        }
        return available
    }

    /// Space that an unprivileged process may still write on the filesystem holding `path`
    /// (`f_bavail × f_frsize` of `statvfs`, which leaves out root's reserved blocks).
    ///
    /// `path` need not exist yet: the data directory is created at start, so the nearest
    /// existing ancestor is measured (a relative path ends at the working directory).
    public static func freeDisk(at path: String) -> ByteSize {
        var candidate = path.isEmpty ? "." : path
        while true {
            var stats = statvfs()
            if statvfs(candidate, &stats) == 0 {
                let (bytes, overflow) = UInt64(stats.f_bavail).multipliedReportingOverflow(by: UInt64(stats.f_frsize))
                return ByteSize(bytes: overflow || bytes > UInt64(Int64.max) ? .max : Int64(bytes))
            }
            guard errno == ENOENT || errno == ENOTDIR, let parent = parentDirectory(of: candidate) else {
                return ByteSize(bytes: .max)
            }
            candidate = parent
        }
    }

    /// The `MemAvailable:` line of a `/proc/meminfo` text; its unit `kB` means KiB.
    static func memAvailable(inMeminfo text: String) -> ByteSize? {
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kibibytes = Int64(fields[1]) else { return nil }
            let unit: Int64 = fields.count >= 3 && fields[2] == "kB" ? 1024 : 1
            let (bytes, overflow) = kibibytes.multipliedReportingOverflow(by: unit)
            return overflow ? nil : ByteSize(bytes: bytes)
        }
        return nil
    }

    /// `a/b/c` → `a/b`, `a` → `.`, `/a` → `/`; `nil` once at `/` or `.`.
    static func parentDirectory(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" || trimmed == "." { return nil }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The whole text of a small file, or `nil`. `/proc` files report a size of 0, so this
    /// reads until end of file instead of trusting the size.
    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
