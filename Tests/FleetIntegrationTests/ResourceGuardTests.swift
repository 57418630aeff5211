import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The resource guards, proven on real processes: a fleet whose caps cannot fit on this machine
/// is refused before anything is spawned; the memory leak plateaus at its cap (measured in
/// /proc, not taken from the instance's word); the disk fill stops exactly at the simulated
/// disk; and a lone instance (which has no preflight) never writes into the real free-space
/// reserve. (`DiskFillScenario.nextWriteSize` is unit-tested in FleetInstanceTests.)
extension MultiProcessTests {
@Suite(.serialized)
struct ResourceGuardTests {
    /// A configuration that no machine can hold, and what the refusal must say.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var node: String?
        var scenarios: String?
        var expected: [String]
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(
            name: "simulated disks larger than the real disk",
            node: "{ memory: 512MiB, disk: 100000GiB }",
            expected: ["disk: 3 instances × node.disk", "lower fleet.instances or node.disk"]),
        Refusal(
            name: "leak caps larger than the free memory",
            scenarios: "{ scenario1: { chunk_size: 1GB, interval: 1s, max_chunks: 1000 } }",
            expected: ["memory: 3 instances × the scenario1 leak cap", "scenarios.scenario1.max_chunks"]),
        Refusal(
            name: "a free-space reserve larger than the real free space",
            scenarios: "{ scenario2: { chunk_size: 1MiB, interval: 1s, free_space_reserve: 100000GiB } }",
            expected: ["disk: 3 instances × node.disk", "free_space_reserve"]),
    ]

    @Test(arguments: refusals)
    func aFleetWhoseCapsExceedTheMachineIsRefusedAtStart(_ refusal: Refusal) throws {
        let fleet = try TestFleet(name: "refused", basePort: 22481, node: refusal.node, scenarios: refusal.scenarios)
        defer { fleet.tearDown() }
        // Were it not refused, `fleet up` would run in the foreground: the timeout ends it (and
        // tearDown kills whatever it spawned), so a missing guard fails instead of hanging.
        let result = try CommandResult.run(TestFleet.binary, ["up"] + fleet.fleetArguments, timeout: 20)
        let output = result.stdout + result.stderr
        #expect(result.status != 0, "fleet up must fail; output:\n\(output)")
        for fragment in refusal.expected {
            #expect(output.contains(fragment), "the refusal must say \"\(fragment)\"; output:\n\(output)")
        }
        #expect(!output.contains("spawned instance"), "nothing may be spawned before the preflight; output:\n\(output)")
        #expect(fleet.instanceProcessIDs().isEmpty)
        // Nothing is left behind either: no instance folder, no lock, no socket.
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: fleet.dataDir)) ?? []
        #expect(left.isEmpty, "a refused start must leave nothing in the data folder; found \(left)")
    }

    @Test func theMemoryLeakPlateausAtItsCapAndIsGivenBack() async throws {
        let chunk = 4_000_000, chunks = 10  // cap 40 MB, reached one second after the start
        let cap = chunk * chunks
        let slack = 16 << 20  // allocator and runtime noise of an otherwise idle instance
        let fleet = try TestFleet(
            name: "leakcap", instances: 1, basePort: 22581,
            scenarios: "{ scenario1: { chunk_size: 4MB, interval: 100ms, max_chunks: \(chunks) } }")
        defer { fleet.tearDown() }
        try await fleet.up()
        let pid = try #require(try fleet.status().first?.pid)

        var idle: [Int] = []
        for _ in 0..<10 {
            idle.append(try #require(Self.residentBytes(of: pid)))
            try await Task.sleep(for: .milliseconds(50))
        }
        let baseline = try #require(idle.max())

        #expect(try fleet.cli(["start", "scenario1", "--instance", "svc-01"]).status == 0)
        let started = ContinuousClock.now
        var samples: [(at: Duration, bytes: Int)] = []
        while ContinuousClock.now - started < .seconds(4) {
            samples.append((ContinuousClock.now - started, try #require(Self.residentBytes(of: pid))))
            try await Task.sleep(for: .milliseconds(50))
        }
        let peak = try #require(samples.map(\.bytes).max())
        #expect(peak <= baseline + cap + slack, "VmRSS peaked at \(peak >> 20) MiB: baseline \(baseline >> 20) MiB + cap \(cap / 1_000_000) MB + slack")
        #expect(peak >= baseline + cap * 8 / 10, "the leak must really hold its memory: peak \(peak >> 20) MiB, baseline \(baseline >> 20) MiB")
        // Capped, not cured: flat for the last 1.5 s (the cap is reached after ~1 s).
        let plateau = samples.filter { $0.at >= .milliseconds(2500) }.map(\.bytes)
        let spread = (plateau.max() ?? 0) - (plateau.min() ?? 0)
        #expect(!plateau.isEmpty && spread < 4 << 20, "VmRSS still moves by \(spread >> 10) KiB after reaching the cap")

        #expect(try fleet.cli(["stop", "scenario1", "--instance", "svc-01"]).status == 0)
        try await waitUntil(timeout: .seconds(3), "the leaked memory to be given back") {
            (Self.residentBytes(of: pid) ?? .max) <= baseline + slack
        }
    }

    @Test func theDiskFillStopsExactlyAtTheSimulatedDiskSize() async throws {
        let disk = 8 << 20
        let fleet = try TestFleet(
            name: "diskcap", instances: 1, basePort: 22681, node: "{ memory: 512MiB, disk: 8MiB }",
            // 3 MiB files: 3 + 3 + 2 — the last write is cut to what the simulated disk has left.
            scenarios: "{ scenario2: { chunk_size: 3MiB, interval: 50ms, free_space_reserve: 64MiB } }")
        defer { fleet.tearDown() }
        try await fleet.up()
        let folder = fleet.dataDir + "/svc-01/scenario2"
        let metrics = "http://127.0.0.1:\(fleet.port(1))/metrics"
        #expect(try await Self.availableBytes(metrics) == Double(disk))

        #expect(try fleet.cli(["start", "scenario2", "--instance", "svc-01"]).status == 0)
        let started = ContinuousClock.now
        var largest = Self.FolderUsage()
        var available: [Double] = []
        while ContinuousClock.now - started < .seconds(2) {
            let usage = Self.usage(of: folder)
            largest.apparent = max(largest.apparent, usage.apparent)
            largest.allocated = max(largest.allocated, usage.allocated)
            available.append(try await Self.availableBytes(metrics))
            try await Task.sleep(for: .milliseconds(25))
        }
        let final = Self.usage(of: folder)
        #expect(largest.apparent <= disk, "scenario2 held \(largest.apparent) bytes on a \(disk)-byte disk")
        // `du` counts allocated blocks: the same here, give or take filesystem metadata.
        #expect(largest.allocated <= disk + (64 << 10), "scenario2 allocated \(largest.allocated) bytes on a \(disk)-byte disk")
        #expect(final.apparent == disk && final.files == 3, "the disk must be exactly full: \(final)")
        // node_filesystem_avail_bytes reaches 0 and stays there: the disk is full, the scenario keeps running.
        let firstZero = try #require(available.firstIndex(of: 0), "avail never reached 0: \(available.suffix(5))")
        #expect(available[firstZero...].allSatisfy { $0 == 0 }, "avail left 0 again: \(available[firstZero...])")
        #expect(available.count - firstZero >= 10, "avail must stay 0 while the scenario runs")
        #expect(try fleet.status().first?.scenario == "scenario2")

        #expect(try fleet.cli(["stop", "scenario2", "--instance", "svc-01"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder), "stopping scenario2 deletes its files")
        #expect(try await Self.availableBytes(metrics) == Double(disk))
    }

    /// `fleet up` refuses a reserve larger than the real free space (see the refusals above);
    /// an instance run on its own has no preflight, so the scenario itself must honour the
    /// reserve: it runs, and writes nothing.
    @Test func aLoneInstanceNeverWritesIntoTheRealFreeSpaceReserve() async throws {
        let disk = 8 << 20
        let fleet = try TestFleet(
            name: "reserve", instances: 1, basePort: 22781, node: "{ memory: 512MiB, disk: 8MiB }",
            scenarios: "{ scenario2: { chunk_size: 1MiB, interval: 50ms, free_space_reserve: 100000GiB } }")
        defer { fleet.tearDown() }
        let instance = Process()
        instance.executableURL = URL(fileURLWithPath: TestFleet.binary)
        instance.arguments = ["instance", "--id", "svc-01", "--port", String(fleet.port(1))] + fleet.fleetArguments
        instance.standardOutput = FileHandle.nullDevice
        instance.standardError = FileHandle.nullDevice
        try instance.run()
        defer {
            if instance.isRunning { instance.terminate() }
            instance.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(fleet.port(1))"
        try await waitUntil(timeout: .seconds(15), "the lone instance to answer health") {
            (try? await TestFleet.http("GET", base + "/scenario/health"))?.status == 200
        }

        let start = try await TestFleet.http("POST", base + "/scenario/scenario2?action=start")
        #expect(start.status == 200, "\(start.body)")
        try await Task.sleep(for: .seconds(1))  // 20 intervals
        let usage = Self.usage(of: fleet.dataDir + "/svc-01/scenario2")
        #expect(usage.apparent == 0 && usage.files == 0, "nothing may be written below the reserve: \(usage)")
        #expect(try await Self.availableBytes(base + "/metrics") == Double(disk))
        let health = try await TestFleet.http("GET", base + "/scenario/health")
        #expect(health.body.contains(#""scenario2":"running""#), "the scenario runs; it only has no room: \(health.body)")
        #expect(try await TestFleet.http("POST", base + "/scenario/scenario2?action=stop").status == 200)
    }

    // MARK: Measurements from the outside

    /// VmRSS of `pid` in bytes, from /proc/PID/status.
    static func residentBytes(of pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kibibytes = Int(fields[1]) { return kibibytes * 1024 }
        }
        return nil
    }

    struct FolderUsage: CustomStringConvertible {
        /// Sum of file sizes (`du -sb`).
        var apparent = 0
        /// Allocated blocks (`du -s`).
        var allocated = 0
        var files = 0
        var description: String { "\(files) files, \(apparent) bytes, \(allocated) allocated" }
    }

    /// What `du` would say of `path` (zeros when it does not exist); files removed meanwhile are skipped.
    static func usage(of path: String) -> FolderUsage {
        var usage = FolderUsage()
        guard let names = FileManager.default.enumerator(atPath: path) else { return usage }
        for case let name as String in names {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            usage.apparent += Int(info.st_size)
            usage.allocated += Int(info.st_blocks) * 512
            usage.files += 1
        }
        return usage
    }

    /// `node_filesystem_avail_bytes{mountpoint="/"}` of an instance's /metrics.
    static func availableBytes(_ metricsURL: String) async throws -> Double {
        let (status, body) = try await TestFleet.http("GET", metricsURL)
        guard status == 200 else { throw FleetTestError("GET \(metricsURL): \(status)") }
        for line in body.split(separator: "\n")
        where line.hasPrefix("node_filesystem_avail_bytes{") && line.contains(#"mountpoint="/""#) {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        throw FleetTestError("no node_filesystem_avail_bytes{mountpoint=\"/\"} in \(metricsURL)")
    }
}
}
