import FleetModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// scenario2: every `interval`, write a file of `chunk_size` random bytes into the instance's own
/// data folder, until the simulated disk is full — then stay full, like a real disk — or until
/// the real filesystem's free space would fall under the configured reserve.
///
/// Files live only in `<instance data folder>/scenario2/`; they are deleted when the scenario
/// stops, when the instance shuts down (the scenario is stopped first) and, after a crash, at the
/// instance's next start (`removeLeftovers`).
public struct DiskFillScenario: FailureScenario {
    public let settings: DiskFillSettings
    /// The instance's data folder: the whole simulated disk.
    public let dataDirectory: String
    /// Size of the simulated disk; the folder never grows past it.
    public let diskSize: Int64

    public init(settings: DiskFillSettings, dataDirectory: String, diskSize: Int64) {
        self.settings = settings
        self.dataDirectory = dataDirectory
        self.diskSize = diskSize
    }

    /// The folder the scenario writes into.
    public static func fillDirectory(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("scenario2")
    }

    /// Deletes what a previous run left behind (after a crash, or a kill -9).
    public static func removeLeftovers(in dataDirectory: String) {
        try? FileManager.default.removeItem(atPath: fillDirectory(in: dataDirectory))
    }

    /// How many bytes the next file may have: the chunk, capped by the simulated disk and the
    /// real free space minus the reserve. Zero means "full": keep running, write nothing.
    public static func nextWriteSize(chunk: Int64, diskSize: Int64, used: Int64, realAvailable: Int64, reserve: Int64) -> Int64 {
        max(0, min(chunk, diskSize - used, realAvailable - reserve))
    }

    public func run() async {
        let folder = Self.fillDirectory(in: dataDirectory)
        defer { Self.removeLeftovers(in: dataDirectory) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return
        }
        var sequence = 0
        var nextStep = ContinuousClock.now
        while !Task.isCancelled {
            let size = Self.nextWriteSize(
                chunk: settings.chunkSize.bytes, diskSize: diskSize,
                used: DataDirectoryUsage.bytes(under: dataDirectory),
                realAvailable: Self.realAvailableBytes(at: folder), reserve: settings.freeSpaceReserve.bytes)
            if size > 0 {
                sequence += 1
                Self.writeRandomFile(
                    path: (folder as NSString).appendingPathComponent(String(format: "fill-%06d.bin", sequence)),
                    size: Int(size))
            }
            nextStep += settings.interval
            do { try await Task.sleep(until: nextStep, clock: .continuous) } catch { break }
        }
    }

    /// Free bytes for unprivileged users on the real filesystem holding `path`.
    static func realAvailableBytes(at path: String) -> Int64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// Random bytes, so no filesystem can compress or deduplicate the fill away.
    private static func writeRandomFile(path: String, size: Int) {
        let random = FileHandle(forReadingAtPath: "/dev/urandom")
        defer { try? random?.close() }
        let bytes = (try? random?.read(upToCount: size)) ?? Data(count: size)
        // Not `createFile`/`.atomic`: Foundation on Linux stages atomic writes in a
        // `/tmp/TemporaryDirectory.*` folder that it never removes — one per file written.
        try? bytes.write(to: URL(fileURLWithPath: path))
    }
}
