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
        let fields = ProcFile("/proc/self/stat")?.statFields() ?? []
        if fields.count >= 22 {
            // Field numbers from proc(5), counted after the command name: state is field 3.
            func field(_ number: Int) -> Int64 { ProcFile.integer(fields[number - 3]) ?? 0 }
            sample.userCPUSeconds = Double(field(14)) / ticksPerSecond
            sample.systemCPUSeconds = Double(field(15)) / ticksPerSecond
            sample.threads = Int(field(20))
            sample.startTime = bootTime + Double(field(22)) / ticksPerSecond
            sample.virtualBytes = field(23)
            sample.residentBytes = field(24) * pageSize
        }
        sample.swappedBytes = (ProcFile("/proc/self/status")?.value(after: "VmSwap:") ?? 0) * 1024
        sample.openFileDescriptors = ProcFile.entryCount(of: "/proc/self/fd") ?? 0
        var limit = rlimit()
        if getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 {
            sample.maxFileDescriptors = Int(clamping: limit.rlim_cur)
        }
        return sample
    }

    /// Resident set size in bytes, the cheapest reading (one small file).
    public static func residentBytes() -> Int64 {
        guard let statm = ProcFile("/proc/self/statm") else { return 0 }
        let parts = statm.bytes.split(separator: UInt8(ascii: " "))
        guard parts.count > 1, let pages = ProcFile.integer(parts[1]) else { return 0 }
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    private static func readBootTime() -> Double? {
        // Large: on a many-core machine the per-CPU and interrupt lines come before `btime`.
        (ProcFile("/proc/stat", capacity: 1 << 20)?.value(after: "btime ")).map(Double.init)
    }
}

#if canImport(Glibc)
/// Glibc imports `RLIMIT_NOFILE` as an enum case on some versions and an Int32 on others.
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#endif
