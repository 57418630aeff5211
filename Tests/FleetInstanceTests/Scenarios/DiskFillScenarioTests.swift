import FleetModel
import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario2 writes real files into `<data folder>/scenario2/`, fills the simulated disk exactly,
    /// keeps running while full, and deletes everything when stopped.
    @Suite("Disk fill scenario")
    struct DiskFillScenarioTests {
        static func settings(chunk: Int64, interval: Duration, reserve: Int64 = 0) -> DiskFillSettings {
            var settings = DiskFillSettings()
            settings.chunkSize = ByteSize(bytes: chunk)
            settings.interval = interval
            settings.freeSpaceReserve = ByteSize(bytes: reserve)
            return settings
        }

        /// The files of the fill folder, sorted by name, with their sizes.
        static func files(in dataDirectory: String) -> [(name: String, size: Int64)] {
            let folder = DiskFillScenario.fillDirectory(in: dataDirectory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.sorted().map { name in
                let attributes = try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))
                return (name, (attributes?[.size] as? NSNumber)?.int64Value ?? -1)
            }
        }

        @Test("fills the simulated disk exactly (last file partial), keeps running, cleans up on cancel")
        func fillsExactlyAndCleansUp() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let chunk: Int64 = 64_000
            let diskSize: Int64 = 256 * 1024  // 4 × 64,000 + 6,144
            let scenario = DiskFillScenario(
                settings: Self.settings(chunk: chunk, interval: .milliseconds(20)), dataDirectory: folder.path,
                diskSize: diskSize)
            let log = EventLog()
            let task = Task {
                await scenario.run()
                log.record("finished")
            }

            let firstFile = await poll(every: .milliseconds(5), timeout: .seconds(3)) {
                Self.files(in: folder.path).contains { $0.name == "fill-000001.bin" }
            }
            #expect(firstFile)

            let full = await poll(every: .milliseconds(10), timeout: .seconds(3)) {
                DataDirectoryUsage.bytes(under: folder.path) >= diskSize
            }
            #expect(full, "used \(DataDirectoryUsage.bytes(under: folder.path)) of \(diskSize)")

            // Watch five more intervals: full, exactly, and still running.
            try await Task.sleep(for: .milliseconds(100))
            #expect(DataDirectoryUsage.bytes(under: folder.path) == diskSize)
            let files = Self.files(in: folder.path)
            #expect(files.map(\.size) == [chunk, chunk, chunk, chunk, diskSize - 4 * chunk])
            #expect(files.map(\.name) == (1...5).map { String(format: "fill-%06d.bin", $0) })
            #expect(!log.contains("finished"), "the scenario ended on its own when the disk was full")

            // The data is random: not a run of zeros any filesystem could compress away.
            let data = try Data(contentsOf: URL(fileURLWithPath: DiskFillScenario.fillDirectory(in: folder.path) + "/fill-000001.bin"))
            #expect(Set(data.prefix(4096)).count > 200)

            task.cancel()
            let stopped: Void? = await withDeadline(.seconds(2)) { await task.value }
            #expect(stopped != nil)
            #expect(!FileManager.default.fileExists(atPath: DiskFillScenario.fillDirectory(in: folder.path)))
            #expect(FileManager.default.fileExists(atPath: folder.path), "the data folder itself must stay")
        }

        @Test("files count against the disk together with what else is in the data folder")
        func otherFilesCount() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            #expect((try? Data(count: 10_000).write(to: URL(fileURLWithPath: folder.file("other.bin")))) != nil)
            let scenario = DiskFillScenario(
                settings: Self.settings(chunk: 8_000, interval: .milliseconds(10)), dataDirectory: folder.path, diskSize: 30_000)
            let task = Task { await scenario.run() }
            let full = await poll(every: .milliseconds(10), timeout: .seconds(3)) {
                DataDirectoryUsage.bytes(under: folder.path) >= 30_000
            }
            #expect(full)
            try await Task.sleep(for: .milliseconds(50))
            #expect(DataDirectoryUsage.bytes(under: folder.path) == 30_000)
            #expect(Self.files(in: folder.path).map(\.size) == [8_000, 8_000, 4_000])
            task.cancel()
            await task.value
            #expect(FileManager.default.fileExists(atPath: folder.file("other.bin")), "only the scenario's own files are deleted")
        }

        @Test("the real free-space reserve stops the fill before anything is written")
        func reserveStopsTheFill() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let available = DiskFillScenario.realAvailableBytes(at: folder.path)
            #expect(available > 0)
            let scenario = DiskFillScenario(
                settings: Self.settings(chunk: 64_000, interval: .milliseconds(10), reserve: available + (1 << 30)),
                dataDirectory: folder.path, diskSize: 1 << 30)
            let task = Task { await scenario.run() }
            let folderMade = await poll(every: .milliseconds(5), timeout: .seconds(2)) {
                FileManager.default.fileExists(atPath: DiskFillScenario.fillDirectory(in: folder.path))
            }
            #expect(folderMade)
            try await Task.sleep(for: .milliseconds(60))
            #expect(Self.files(in: folder.path).isEmpty)
            task.cancel()
            await task.value
        }

        @Test("nextWriteSize: the chunk, capped by the disk and by the real space above the reserve", arguments: [
            // chunk, disk, used, realAvailable, reserve → size
            (100, 1_000, 0, 10_000, 0, 100),
            (100, 1_000, 900, 10_000, 0, 100),
            (100, 1_000, 950, 10_000, 0, 50),
            (100, 1_000, 1_000, 10_000, 0, 0),
            (100, 1_000, 1_500, 10_000, 0, 0),
            (100, 1_000, 0, 1_050, 1_000, 50),
            (100, 1_000, 0, 1_000, 1_000, 0),
            (100, 1_000, 0, 500, 1_000, 0),
            (100, 1_000, 960, 1_030, 1_000, 30),
            (0, 1_000, 0, 10_000, 0, 0),
        ] as [(Int64, Int64, Int64, Int64, Int64, Int64)])
        func nextWriteSize(_ chunk: Int64, _ disk: Int64, _ used: Int64, _ available: Int64, _ reserve: Int64, _ expected: Int64) {
            #expect(DiskFillScenario.nextWriteSize(chunk: chunk, diskSize: disk, used: used, realAvailable: available, reserve: reserve) == expected)
        }

        @Test("removeLeftovers deletes a stale fill folder and nothing else")
        func removeLeftovers() throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let stale = DiskFillScenario.fillDirectory(in: folder.path)
            #expect(stale == folder.file("scenario2"))
            try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
            #expect((try? Data(count: 1_000).write(to: URL(fileURLWithPath: stale + "/fill-000042.bin"))) != nil)
            #expect((try? Data("keep".utf8).write(to: URL(fileURLWithPath: folder.file("keep.txt")))) != nil)
            DiskFillScenario.removeLeftovers(in: folder.path)
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(FileManager.default.fileExists(atPath: folder.file("keep.txt")))
            // Nothing to remove is fine too.
            DiskFillScenario.removeLeftovers(in: folder.path)
            DiskFillScenario.removeLeftovers(in: folder.file("does-not-exist"))
        }

        @Test("through the HTTP API: start fills the instance's folder, stop deletes it before answering")
        func throughTheAPI() async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            var config = Fixtures.config()
            config.scenarios.scenario2 = Self.settings(chunk: 10_000, interval: .milliseconds(20))
            config.node.disk = ByteSize(bytes: 1 << 20)
            let runtime = InstanceRuntime(
                identity: InstanceIdentity(id: "svc-test", host: Fixtures.host, port: Fixtures.port, dataDirectory: folder.path),
                config: config)
            try await Fixtures.application(runtime).test(.router) { client in
                let started = try await client.send(.post, "/scenario/scenario2?action=start")
                #expect(started.status == .ok)
                let wrote = await poll(every: .milliseconds(10), timeout: .seconds(3)) {
                    Self.files(in: folder.path).count >= 3
                }
                #expect(wrote)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                let avail = try #require(metrics.value("node_filesystem_avail_bytes", ["mountpoint": "/"]))
                #expect(avail <= Double((1 << 20) - 30_000))
                let stopped = try await client.send(.post, "/scenario/scenario2?action=stop")
                #expect(stopped.status == .ok)
                #expect(!FileManager.default.fileExists(atPath: DiskFillScenario.fillDirectory(in: folder.path)))
                let after = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(after.value("node_filesystem_avail_bytes", ["mountpoint": "/"]) == Double(1 << 20))
            }
        }
    }
}
