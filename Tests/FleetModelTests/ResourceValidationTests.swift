import Testing

@testable import FleetModel

/// Rejecting fleets the machine cannot hold, with injected numbers, and reading the real ones.
@Suite("Resource validation")
struct ResourceValidationTests {
    private static let gib: Int64 = 1 << 30

    /// The default fleet needs 5 × 600 MB = 3 GB of memory and 5 × 1 GiB + a 2 GiB reserve of disk.
    @Test func defaultFleetFitsABigEnoughMachine() {
        let problems = FleetConfig().validateResources(
            freeMemory: ByteSize(bytes: 3_000_000_000), freeDisk: ByteSize(bytes: 7 * Self.gib))
        #expect(problems.isEmpty)
    }

    @Test func tooLittleMemory() throws {
        let problems = FleetConfig().validateResources(
            freeMemory: ByteSize(bytes: 2_999_999_999), freeDisk: ByteSize(bytes: 100 * Self.gib))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.hasPrefix("memory: 5 instances × the scenario1 leak cap of 600 MB"))
        #expect(problem.contains("(chunk_size 1 MB × max_chunks 600) need 3 GB"))
        #expect(problem.contains("but only 2.8 GiB of memory is available"))
        #expect(problem.contains("lower fleet.instances, scenarios.scenario1.chunk_size or scenarios.scenario1.max_chunks"))
    }

    @Test func tooLittleDiskAfterTheReserve() throws {
        // 5 GiB needed; 7 GiB - 1 byte free leaves just under 5 GiB after the 2 GiB reserve.
        let problems = FleetConfig().validateResources(
            freeMemory: ByteSize(bytes: 100 * Self.gib), freeDisk: ByteSize(bytes: 7 * Self.gib - 1))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.hasPrefix("disk: 5 instances × node.disk 1 GiB need 5 GiB, but only 5 GiB can be written at .fleet"))
        #expect(problem.contains("(7 GiB free less scenarios.scenario2.free_space_reserve 2 GiB)"))
    }

    @Test func diskSmallerThanTheReserve() {
        let problems = FleetConfig().validateResources(freeMemory: ByteSize(bytes: .max), freeDisk: ByteSize(bytes: Self.gib))
        #expect(problems.count == 1)
        #expect(problems.first?.contains("but only 0 B can be written") == true)
    }

    @Test func bothProblemsAreReported() {
        let problems = FleetConfig().validateResources(freeMemory: ByteSize(bytes: 0), freeDisk: ByteSize(bytes: 0))
        #expect(problems.count == 2)
        #expect(problems.first?.hasPrefix("memory:") == true)
        #expect(problems.last?.hasPrefix("disk:") == true)
    }

    @Test func scalesWithTheFleet() {
        var config = FleetConfig()
        config.fleet.instances = 50
        config.scenarios.scenario1.chunkSize = ByteSize(bytes: 1 << 20)
        config.scenarios.scenario1.maxChunks = 100  // 100 MiB each, 5000 MiB in all
        config.node.disk = ByteSize(bytes: 100 << 20)
        config.scenarios.scenario2.freeSpaceReserve = ByteSize(bytes: 0)
        let enough = ByteSize(bytes: 5000 << 20)
        #expect(config.validateResources(freeMemory: enough, freeDisk: enough).isEmpty)
        let short = ByteSize(bytes: (5000 << 20) - 1)
        #expect(config.validateResources(freeMemory: short, freeDisk: short).count == 2)
    }

    @Test func absurdUnvalidatedNumbersDoNotTrap() {
        var config = FleetConfig()
        config.fleet.instances = .max
        config.scenarios.scenario1.chunkSize = ByteSize(bytes: .max)
        config.scenarios.scenario1.maxChunks = .max
        config.node.disk = ByteSize(bytes: .max)
        let problems = config.validateResources(
            freeMemory: ByteSize(bytes: .max), freeDisk: ByteSize(bytes: .max), freeFileHandles: .max)
        // Memory, disk, and scenario8's descriptors (Int.max instances × 600 exceeds any system).
        #expect(problems.count == 3)
        #expect(problems.first?.contains("more than 8 EiB") == true)
    }

    // MARK: - Reading the machine

    @Test func meminfoParsing() {
        let meminfo = """
            MemTotal:       24576000 kB
            MemFree:         1000000 kB
            MemAvailable:   16000000 kB
            Buffers:          100000 kB
            """
        #expect(MachineResources.memAvailable(inMeminfo: meminfo) == ByteSize(bytes: 16_000_000 * 1024))
        #expect(MachineResources.memAvailable(inMeminfo: "MemTotal: 1 kB\n") == nil)
        #expect(MachineResources.memAvailable(inMeminfo: "MemAvailable: lots kB\n") == nil)
    }

    @Test func parentDirectories() {
        #expect(MachineResources.parentDirectory(of: "a/b/c") == "a/b")
        #expect(MachineResources.parentDirectory(of: "a") == ".")
        #expect(MachineResources.parentDirectory(of: "/a") == "/")
        #expect(MachineResources.parentDirectory(of: "/a/b/") == "/a")
        #expect(MachineResources.parentDirectory(of: "/") == nil)
        #expect(MachineResources.parentDirectory(of: ".") == nil)
    }

    #if os(Linux)
    @Test func realMachine() {
        let memory = MachineResources.freeMemory()
        #expect(memory.bytes > 0 && memory.bytes < .max)  // /proc/meminfo was read
        let disk = MachineResources.freeDisk(at: "/tmp")
        #expect(disk.bytes > 0 && disk.bytes < .max)
        // A data directory that does not exist yet is measured at its nearest existing ancestor.
        // (Not compared for equality with /tmp: other processes write to the disk meanwhile.)
        let missing = MachineResources.freeDisk(at: "/tmp/fleetsim-does-not-exist/a/b")
        #expect(missing.bytes > 0 && missing.bytes < .max)
        let relative = MachineResources.freeDisk(at: "not-yet-created/.fleet")
        #expect(relative.bytes > 0 && relative.bytes < .max)
    }
    #endif
}
