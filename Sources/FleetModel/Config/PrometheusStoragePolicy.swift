/// What becomes of the fleet's Prometheus data, decided from `prometheus:` alone (no I/O):
/// the flags that bound its storage, what a stop deletes, and the disk `fleet up` must find.
///
/// The data is the class's history of a round. It is kept by default (`keep_data: true`) so
/// the round can be reviewed after `fleet down`, and the next `fleet up` of the same fleet
/// (same data folder) continues it; it stays bounded by time (`retention`) and by size
/// (`retention_size`), and the size is what the start-up disk check counts.
public struct PrometheusStoragePolicy: Sendable, Equatable {
    /// `prometheus.keep_data`.
    public var keepData: Bool
    /// `prometheus.retention`.
    public var retention: Duration
    /// `prometheus.retention_size`.
    public var retentionSize: ByteSize

    /// Shorter than Prometheus' first block (2 h) deletes nothing sooner and only confuses.
    public static let minimumRetention: Duration = .seconds(3600)
    /// A year: "bounded" must mean something on a shared teaching machine.
    public static let maximumRetention: Duration = .seconds(365 * 24 * 3600)
    /// Below this the write-ahead log alone (tens of MB) would make Prometheus delete every
    /// block as soon as it is written.
    public static let minimumRetentionSize = ByteSize(bytes: 64 << 20)

    /// The policy of `settings`.
    public init(_ settings: PrometheusSettings) {
        keepData = settings.keepData
        retention = settings.retention
        retentionSize = settings.retentionSize
    }

    /// What is deleted of `<data_dir>/prometheus/` when Prometheus stops.
    public enum Cleanup: Sendable, Equatable {
        /// Only the generated `prometheus.yml` and targets file (rewritten at every start);
        /// the TSDB stays.
        case generatedFiles
        /// The whole folder, TSDB included.
        case everything
    }

    /// At every stop of the fleet: the generated files only when the data is kept.
    public var cleanupOnStop: Cleanup { keepData ? .generatedFiles : .everything }

    /// `fleet down --purge` deletes the data whatever `keep_data` says: that is its point.
    public static let cleanupOnPurge: Cleanup = .everything

    /// Prometheus' storage-bounding flags: retention by time and by size. The size is given in
    /// bytes (`B`) because Prometheus reads `KB`, `MB` … as powers of 1024, which would make
    /// `1GB` in fleet.yaml mean something else to Prometheus.
    public var retentionArguments: [String] {
        [
            "--storage.tsdb.retention.time=\(DurationSyntax.format(retention))",
            "--storage.tsdb.retention.size=\(retentionSize.bytes)B",
        ]
    }

    /// Disk `fleet up` must still find for the TSDB: `retention_size` less what is already
    /// stored (kept from an earlier run; that space is no longer free, so counting it again
    /// would refuse a fleet that fits).
    public func diskToReserve(alreadyStored: ByteSize) -> ByteSize {
        ByteSize(bytes: max(0, retentionSize.bytes - max(0, alreadyStored.bytes)))
    }
}
