import FleetModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `<data_dir>/prometheus/`: the generated configuration and the TSDB (`data/`) of the fleet's
/// Prometheus. What to delete is decided by ``FleetModel/PrometheusStoragePolicy``; this type
/// only measures and deletes.
public struct PrometheusDataFolder: Sendable {
    /// The folder, `<data_dir>/prometheus`.
    public let directory: String

    /// The folder of `config`'s fleet (`fleet.data_dir` already absolute).
    public init(config: FleetConfig) {
        self.init(directory: config.prometheusDirectory)
    }

    /// The folder at `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The generated `prometheus.yml`, rewritten at every start.
    public var configPath: String { (directory as NSString).appendingPathComponent("prometheus.yml") }
    /// The generated `file_sd` targets, rewritten at every start.
    public var targetsPath: String { (directory as NSString).appendingPathComponent("instances.json") }
    /// The TSDB, where Prometheus keeps the samples.
    public var storagePath: String { (directory as NSString).appendingPathComponent("data") }

    /// Whether a TSDB is there (kept from an earlier run).
    public var hasStorage: Bool { FileManager.default.fileExists(atPath: storagePath) }

    /// Bytes the TSDB holds now (apparent file sizes; zero when there is none).
    public func storedBytes() -> ByteSize {
        guard let files = FileManager.default.enumerator(atPath: storagePath) else { return ByteSize(bytes: 0) }
        var total: Int64 = 0
        for case let file as String in files {
            let path = (storagePath as NSString).appendingPathComponent(file)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            }
        }
        return ByteSize(bytes: total)
    }

    /// Deletes what `cleanup` says; a missing file is not an error.
    public func clean(_ cleanup: PrometheusStoragePolicy.Cleanup) {
        switch cleanup {
        case .everything:
            try? FileManager.default.removeItem(atPath: directory)
        case .generatedFiles:
            for path in [configPath, targetsPath] {
                try? FileManager.default.removeItem(atPath: path)
            }
            // Empty only when Prometheus never wrote its TSDB; `rmdir` leaves a non-empty folder alone.
            rmdir(directory)
        }
    }

    /// `fleet down --purge`: deletes the folder, TSDB included, while holding the fleet's lock —
    /// so never under a running Prometheus: throws when a supervisor still holds the folder.
    /// Returns whether there was anything to delete.
    public func purge(config: FleetConfig) throws -> Bool {
        let dataDirectory = config.fleet.dataDir
        let existed = FileManager.default.fileExists(atPath: directory)
        let lock = try FleetLock(path: config.supervisorLockPath)
        clean(PrometheusStoragePolicy.cleanupOnPurge)
        lock.release()
        // The lock created the data folder if it was gone; leave no empty folder behind.
        rmdir(dataDirectory)
        return existed
    }
}
