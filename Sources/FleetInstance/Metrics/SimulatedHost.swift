import Foundation

/// The host an instance pretends to run on: its own disk and memory, so that a fleet on one
/// machine still shows *which* instance fills its disk or leaks memory.
///
/// Usage comes from what the instance really holds: the bytes of the files in its data folder,
/// its real resident memory and its real CPU time.
public struct SimulatedHost: Sendable {
    /// `node_filesystem_size_bytes{mountpoint="/"}`.
    public var diskSize: Int64
    /// `node_memory_MemTotal_bytes`.
    public var memorySize: Int64
    /// The instance's data folder, the simulated disk's contents.
    public var dataDirectory: String
    /// Simulated CPUs: `node_cpu_seconds_total{cpu="0"…}` (see ``SimulatedCPUTimes``).
    public var cpus: Int

    public init(diskSize: Int64, memorySize: Int64, dataDirectory: String, cpus: Int = 2) {
        self.diskSize = diskSize
        self.memorySize = memorySize
        self.dataDirectory = dataDirectory
        self.cpus = max(1, cpus)
    }

    /// Bytes used on the simulated disk: the sum of the file sizes under the data folder.
    public func diskUsed() -> Int64 {
        DataDirectoryUsage.bytes(under: dataDirectory)
    }

    /// Free bytes on the simulated disk; never negative.
    public func diskFree(used: Int64) -> Int64 { max(0, diskSize - used) }

    /// Free simulated memory given the instance's resident set size; never negative.
    public func memoryFree(resident: Int64) -> Int64 { max(0, memorySize - resident) }
}

/// Sums the sizes of regular files under a folder without following links.
public enum DataDirectoryUsage {
    public static func bytes(under path: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey],
            options: [], errorHandler: { _, _ in true })
        else { return 0 }
        var total: Int64 = 0
        for case let url as URL in enumerator {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]),
                  values.isRegularFile == true
            else { continue }
            total += Int64(values.fileSize ?? 0)
        }
        return total
    }
}
