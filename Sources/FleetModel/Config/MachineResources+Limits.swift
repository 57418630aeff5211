#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension MachineResources {
    /// Online CPU cores of this machine (at least 1).
    public static func cpuCores() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The soft `RLIMIT_NOFILE` of this process, which every instance `fleet up` spawns
    /// inherits; `Int.max` when unlimited or unreadable ("do not block", as for memory and disk).
    public static func openFileLimit() -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return .max }
        return Int(clamping: limit.rlim_cur)
    }

    /// File handles the whole system may still open: `/proc/sys/fs/file-max` less the handles
    /// allocated now (`/proc/sys/fs/file-nr`); `Int.max` when unknown.
    public static func freeFileHandles() -> Int {
        guard let maximum = firstNumber(inFile: "/proc/sys/fs/file-max"),
              let allocated = firstNumber(inFile: "/proc/sys/fs/file-nr")
        else { return .max }
        return max(0, maximum - allocated)
    }

    /// The first whitespace-separated number of a small text file.
    private static func firstNumber(inFile path: String) -> Int? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap { Int($0) }
    }
}
