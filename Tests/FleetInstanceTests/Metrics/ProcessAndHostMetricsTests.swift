import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// Process metrics are real readings of this process; node metrics describe the instance's
    /// simulated host: configured sizes, usage from its data folder and its real RSS.
    @Suite("Process and host metrics")
    struct ProcessAndHostMetricsTests {
        static let group = "fleet-itest-group"
        static let disk = ByteSize(bytes: 5 * 1 << 30)
        static let memory = ByteSize(bytes: 3 * 1 << 30)

        static func config() -> FleetConfig {
            var config = Fixtures.config()
            config.metrics.processGroup = group
            config.node.disk = disk
            config.node.memory = memory
            return config
        }

        /// Scrapes through the HTTP route, as Prometheus does.
        static func scrape(_ runtime: InstanceRuntime) async throws -> Exposition {
            try await Fixtures.application(runtime).test(.router) { client in
                let response = try await client.send(.get, "/metrics")
                #expect(response.headers[.contentType] == HTTPMetricsTests.contentType)
                return try Exposition(response.text)
            }
        }

        @Test("resident memory is positive and matches /proc/self/statm")
        func residentMemory() async throws {
            let metrics = try await Self.scrape(Fixtures.runtime(config: Self.config()))
            let statm = statmResidentBytes()
            let resident = try #require(metrics.value(
                "namedprocess_namegroup_memory_bytes", ["groupname": Self.group, "memtype": "resident"]))
            #expect(resident > 0)
            #expect(abs(resident - Double(statm)) < Double(8 * mebibyte), "exported \(resident), statm \(statm)")
            #expect(metrics.value("process_resident_memory_bytes") == resident)
            let virtual = try #require(metrics.value(
                "namedprocess_namegroup_memory_bytes", ["groupname": Self.group, "memtype": "virtual"]))
            #expect(virtual >= resident)
            #expect(metrics.value("process_virtual_memory_bytes") == virtual)
            #expect(metrics.value("namedprocess_namegroup_memory_bytes", ["groupname": Self.group, "memtype": "swapped"]) != nil)
            // Only the configured group, no leftover default.
            #expect(metrics.series("namedprocess_namegroup_memory_bytes", ["groupname": "python"]).isEmpty)
        }

        @Test("the process group metrics carry the configured group name")
        func processGroup() async throws {
            let metrics = try await Self.scrape(Fixtures.runtime(config: Self.config()))
            #expect(metrics.value("namedprocess_namegroup_num_procs", ["groupname": Self.group]) == 1)
            let threads = try #require(metrics.value("namedprocess_namegroup_num_threads", ["groupname": Self.group]))
            #expect(threads >= 1)
            let fds = try #require(metrics.value("namedprocess_namegroup_open_filedesc", ["groupname": Self.group]))
            #expect(fds > 0)
            #expect(metrics.value("process_open_fds") == fds)
            let maxFDs = try #require(metrics.value("process_max_fds"))
            #expect(maxFDs >= fds)
            for mode in ["user", "system"] {
                let cpu = try #require(metrics.value("namedprocess_namegroup_cpu_seconds_total", ["groupname": Self.group, "mode": mode]))
                #expect(cpu >= 0)
            }
            #expect(metrics.types["namedprocess_namegroup_cpu_seconds_total"] == "counter")
            let start = try #require(metrics.value("process_start_time_seconds"))
            let now = Date().timeIntervalSince1970
            #expect(start <= now + 1 && start > now - 7 * 86_400, "start time \(start)")
        }

        @Test("open file descriptors follow the files this process really opens")
        func openFileDescriptors() async throws {
            let runtime = Fixtures.runtime(config: Self.config())
            let before = try #require(try await Self.scrape(runtime).value("process_open_fds"))
            let handles = (0..<20).compactMap { _ in FileHandle(forReadingAtPath: "/dev/null") }
            defer { for handle in handles { try? handle.close() } }
            let during = try #require(try await Self.scrape(runtime).value("process_open_fds"))
            #expect(during - before >= 20, "before \(before), with 20 more files open \(during)")
        }

        @Test("CPU counters advance by the CPU this process really burns")
        func cpuCounters() async throws {
            let runtime = Fixtures.runtime(config: Self.config())
            let before = try #require(try await Self.scrape(runtime).value("process_cpu_seconds_total"))
            // Burn about 0.2 s of CPU (bounded by wall time), measured independently.
            let sampler = ProcessSampler()
            let cpuStart = sampler.sample()
            let deadline = ContinuousClock.now + .seconds(3)
            var sink: UInt64 = 0
            while ContinuousClock.now < deadline {
                for index in 0..<100_000 { sink &+= UInt64(index) &* 2_654_435_761 }
                let now = sampler.sample()
                if now.userCPUSeconds + now.systemCPUSeconds - cpuStart.userCPUSeconds - cpuStart.systemCPUSeconds >= 0.2 { break }
            }
            #expect(sink != 1)
            let after = try #require(try await Self.scrape(runtime).value("process_cpu_seconds_total"))
            #expect(after - before >= 0.15, "before \(before), after \(after)")
        }

        @Test("the simulated disk: configured size, avail falls by exactly the bytes written into the data folder")
        func simulatedDisk() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let runtime = Fixtures.runtime(config: Self.config(), dataDirectory: folder.path)
            let root = ["mountpoint": "/"]
            let before = try await Self.scrape(runtime)
            #expect(before.value("node_filesystem_size_bytes", root) == Double(Self.disk.bytes))
            #expect(before.value("node_filesystem_avail_bytes", root) == Double(Self.disk.bytes))
            for sample in before.series("node_filesystem_size_bytes") {
                #expect(sample.labelNames == ["device", "fstype", "mountpoint"])
            }

            let written = 123_457
            #expect((try? Data(count: written).write(to: URL(fileURLWithPath: folder.file("payload.bin")))) != nil)
            try FileManager.default.createDirectory(atPath: folder.file("nested"), withIntermediateDirectories: true)
            #expect((try? Data(count: 1_000).write(to: URL(fileURLWithPath: folder.file("nested/more.bin")))) != nil)
            let after = try await Self.scrape(runtime)
            let fall = try #require(before.value("node_filesystem_avail_bytes", root)) - (after.value("node_filesystem_avail_bytes", root) ?? 0)
            #expect(fall == Double(written + 1_000))
            #expect(after.value("node_filesystem_free_bytes", root) == after.value("node_filesystem_avail_bytes", root))
            #expect(after.value("node_filesystem_size_bytes", root) == Double(Self.disk.bytes))

            try FileManager.default.removeItem(atPath: folder.file("payload.bin"))
            let freed = try await Self.scrape(runtime)
            #expect(freed.value("node_filesystem_avail_bytes", root) == Double(Self.disk.bytes - 1_000))
        }

        @Test("a data folder fuller than the disk shows zero free, never negative")
        func overfullDisk() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            var config = Self.config()
            config.node.disk = ByteSize(bytes: 1_000)
            let runtime = Fixtures.runtime(config: config, dataDirectory: folder.path)
            #expect((try? Data(count: 5_000).write(to: URL(fileURLWithPath: folder.file("big.bin")))) != nil)
            let metrics = try await Self.scrape(runtime)
            #expect(metrics.value("node_filesystem_avail_bytes", ["mountpoint": "/"]) == 0)
        }

        @Test("the simulated memory: configured total, usage from the real RSS")
        func simulatedMemory() async throws {
            let metrics = try await Self.scrape(Fixtures.runtime(config: Self.config()))
            let total = Double(Self.memory.bytes)
            #expect(metrics.value("node_memory_MemTotal_bytes") == total)
            let free = try #require(metrics.value("node_memory_MemFree_bytes"))
            let active = try #require(metrics.value("node_memory_Active_bytes"))
            #expect(abs((total - free) - Double(statmResidentBytes())) < Double(8 * mebibyte))
            #expect(abs(active - Double(statmResidentBytes())) < Double(8 * mebibyte))
            #expect(metrics.value("node_memory_MemAvailable_bytes") == free)
            for name in ["node_memory_MemTotal_bytes", "node_memory_MemFree_bytes", "node_memory_MemAvailable_bytes", "node_memory_Active_bytes"] {
                #expect(metrics.series(name).first?.labels.isEmpty == true, "\(name) has labels")
                #expect(metrics.types[name] == "gauge")
            }
        }
    }
}
