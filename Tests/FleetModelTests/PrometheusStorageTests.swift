import Testing

@testable import FleetModel

/// `prometheus.keep_data`, `retention` and `retention_size`: read, validated with key and line,
/// and turned into decisions (what a stop deletes, Prometheus' flags, the disk to find) without I/O.
@Suite("Prometheus storage")
struct PrometheusStorageTests {
    private static let gib: Int64 = 1 << 30

    @Test func defaultsKeepSevenDaysWithinOneGibibyte() {
        let settings = FleetConfig().prometheus
        #expect(settings.keepData)
        #expect(settings.retention == .seconds(7 * 24 * 3600))
        #expect(settings.retentionSize == ByteSize(bytes: Self.gib))
    }

    @Test func keysAreRead() throws {
        let config = try parseConfig("prometheus:\n  keep_data: false\n  retention: 2d12h\n  retention_size: 512MiB\n")
        #expect(!config.prometheus.keepData)
        #expect(config.prometheus.retention == .seconds(60 * 3600))
        #expect(config.prometheus.retentionSize == ByteSize(bytes: 512 << 20))
    }

    @Test("bad values name key and line", arguments: [
        ErrorCase("prometheus:\n  port: 9090\n  keep_data: maybe\n", key: "prometheus.keep_data", line: 3, "expected true or false"),
        ErrorCase("prometheus:\n  retention: 10m\n", key: "prometheus.retention", line: 2,
                  #"expected a retention from 1h to 365d, found "10m""#),
        ErrorCase("prometheus:\n  retention: 400d\n", key: "prometheus.retention", line: 2, "expected a retention from 1h to 365d"),
        ErrorCase("prometheus:\n  retention: forever\n", key: "prometheus.retention", line: 2, "expected a duration"),
        ErrorCase("prometheus:\n  retention_size: 1MB\n", key: "prometheus.retention_size", line: 2,
                  #"expected a size of at least 64 MiB, found "1MB"; Prometheus' write-ahead log alone takes tens of MB"#),
        ErrorCase("prometheus:\n  keep_dta: true\n", key: "prometheus.keep_dta", line: 2, #"did you mean "keep_data"?"#),
    ])
    func badValues(_ errorCase: ErrorCase) throws {
        let error = try #require(configError(errorCase.yaml))
        #expect(error.key == errorCase.key)
        #expect(error.line == errorCase.line)
        #expect(error.message.contains(errorCase.message), "\(error)")
    }

    @Test func aStopKeepsTheDataUnlessToldOtherwiseAndPurgeAlwaysDeletes() {
        var settings = PrometheusSettings()
        #expect(PrometheusStoragePolicy(settings).cleanupOnStop == .generatedFiles)
        settings.keepData = false
        #expect(PrometheusStoragePolicy(settings).cleanupOnStop == .everything)
        #expect(PrometheusStoragePolicy.cleanupOnPurge == .everything)
    }

    @Test func prometheusGetsRetentionByTimeAndByteExactSize() {
        var settings = PrometheusSettings()
        settings.retention = .seconds(36 * 3600)
        settings.retentionSize = ByteSize(bytes: 512 << 20)
        #expect(PrometheusStoragePolicy(settings).retentionArguments == [
            "--storage.tsdb.retention.time=1d12h", "--storage.tsdb.retention.size=536870912B",
        ])
    }

    @Test func diskToReserveIsWhatTheDataMayStillGrow() {
        let policy = PrometheusStoragePolicy(PrometheusSettings())
        #expect(policy.diskToReserve(alreadyStored: ByteSize(bytes: 0)) == ByteSize(bytes: Self.gib))
        #expect(policy.diskToReserve(alreadyStored: ByteSize(bytes: 256 << 20)) == ByteSize(bytes: 768 << 20))
        #expect(policy.diskToReserve(alreadyStored: ByteSize(bytes: 2 * Self.gib)) == ByteSize(bytes: 0))
    }

    /// The default fleet needs 5 × 1 GiB + a 2 GiB reserve; a running Prometheus adds its 1 GiB.
    @Test func theStartUpDiskCheckCountsPrometheusWhenItRuns() throws {
        let config = FleetConfig()
        let memory = ByteSize(bytes: .max)
        let sevenGiB = ByteSize(bytes: 7 * Self.gib)
        #expect(config.validateResources(freeMemory: memory, freeDisk: sevenGiB).isEmpty)
        let problems = config.validateResources(freeMemory: memory, freeDisk: sevenGiB, prometheusStored: ByteSize(bytes: 0))
        let problem = try #require(problems.first)
        #expect(problem.hasPrefix(
            "disk: 5 instances × node.disk 1 GiB + Prometheus' prometheus.retention_size (1 GiB still to grow) need 6 GiB"))
        #expect(problem.contains("lower fleet.instances or node.disk or prometheus.retention_size"))
        // Data kept from an earlier run already occupies its share of the disk.
        #expect(config.validateResources(freeMemory: memory, freeDisk: sevenGiB, prometheusStored: ByteSize(bytes: Self.gib)).isEmpty)
        #expect(config.validateResources(
            freeMemory: memory, freeDisk: ByteSize(bytes: 8 * Self.gib), prometheusStored: ByteSize(bytes: 0)).isEmpty)
    }
}
