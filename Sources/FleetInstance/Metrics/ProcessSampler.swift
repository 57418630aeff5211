#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One reading of this process from `/proc/self`, the same sources process-exporter and the
/// Prometheus client libraries read.
public struct ProcessSample: Sendable, Equatable {
    public var residentBytes: Int64
    public var virtualBytes: Int64
    public var swappedBytes: Int64
    public var userCPUSeconds: Double
    public var systemCPUSeconds: Double
    public var threads: Int
    public var openFileDescriptors: Int
    public var maxFileDescriptors: Int
    /// Seconds since the Unix epoch.
    public var startTime: Double
}

/// Reads `ProcessSample`s of the current process.
///
/// Only Linux's procfs is supported: the fleet runs on Linux, and a metric that is not a real
/// reading would teach students the wrong thing.
public struct ProcessSampler: Sendable {
    private let ticksPerSecond: Double
    private let pageSize: Int64
    private let bootTime: Double

    public init() {
        ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        bootTime = Self.readBootTime() ?? 0
    }

    /// Reads `/proc/self/stat`, `/proc/self/status` and `/proc/self/fd` now.
    public func sample() -> ProcessSample {
        var sample = ProcessSample(
            residentBytes: 0, virtualBytes: 0, swappedBytes: 0, userCPUSeconds: 0, systemCPUSeconds: 0,
            threads: 0, openFileDescriptors: 0, maxFileDescriptors: 0, startTime: 0)
        if let fields = Self.statFields() {
            // Field numbers from proc(5), counted after the command name: state is field 3.
            func field(_ number: Int) -> Double { Double(fields[number - 3]) ?? 0 }
            sample.userCPUSeconds = field(14) / ticksPerSecond
            sample.systemCPUSeconds = field(15) / ticksPerSecond
            sample.threads = Int(field(20))
            sample.startTime = bootTime + field(22) / ticksPerSecond
            sample.virtualBytes = Int64(field(23))
            sample.residentBytes = Int64(field(24)) * pageSize
        }
        sample.swappedBytes = Self.statusKilobytes("VmSwap") * 1024
        sample.openFileDescriptors = Self.openFileDescriptorCount()
        var limit = rlimit()
        if getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 {
            sample.maxFileDescriptors = Int(clamping: limit.rlim_cur)
        }
        return sample
    }

    /// Resident set size in bytes, the cheapest reading (one small file).
    public static func residentBytes() -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = text.split(separator: " ")
        guard parts.count > 1, let pages = Int64(parts[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The fields of `/proc/self/stat` after `(comm)`, which may itself contain spaces.
    private static func statFields() -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count >= 22 ? fields : nil
    }

    private static func statusKilobytes(_ key: String) -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let number = line.dropFirst(key.count + 1).split(separator: " ").first
            return number.flatMap { Int64($0) } ?? 0
        }
        return 0
    }

    private static func openFileDescriptorCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    private static func readBootTime() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}

#if canImport(Glibc)
/// Glibc imports `RLIMIT_NOFILE` as an enum case on some versions and an Int32 on others.
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#endif
