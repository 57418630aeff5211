extension FleetConfig {
    /// Problems that make this fleet impossible on a machine with the given free memory and
    /// disk, as sentences for the user; empty when the fleet fits.
    ///
    /// Run before spawning anything, so that a fleet which cannot hold its scenarios fails at
    /// once with a reason instead of minutes later with the OOM killer or a full disk:
    ///
    /// - **memory**: every instance may run scenario1 at the same time, each holding its leak
    ///   cap, so `instances × chunk_size × max_chunks` must fit in `freeMemory`;
    /// - **disk**: every instance may fill its simulated disk, so `instances × node.disk` must
    ///   fit in `freeDisk` less scenario2's `free_space_reserve`, which is never written; when
    ///   Prometheus runs (`prometheusStored` is what its TSDB already holds), its
    ///   `retention_size` counts too, less what is already stored
    ///   (``PrometheusStoragePolicy/diskToReserve(alreadyStored:)``).
    ///
    /// - **file descriptors**: every instance may run scenario8 at the same time, each holding
    ///   `max_open` descriptors, so `instances × max_open` must fit in the system's free file
    ///   handles (`freeFileHandles`, from `/proc/sys/fs/file-nr`).
    ///
    /// CPU needs no sum: scenario6 burns at most one core per instance and never more than the
    /// machine's cores minus one, and CPU time is shared rather than held, so a busy fleet slows
    /// down but cannot exhaust the machine the way memory, disk or descriptors can.
    ///
    /// Port conflicts with other programs are checked where the ports are bound.
    public func validateResources(
        freeMemory: ByteSize, freeDisk: ByteSize, prometheusStored: ByteSize? = nil,
        freeFileHandles: Int = MachineResources.freeFileHandles()
    ) -> [String] {
        var problems: [String] = []
        let instances = Int128(fleet.instances)
        let leak = scenarios.scenario1

        let cap = product(Int128(leak.chunkSize.bytes), Int128(leak.maxChunks))
        let memoryNeeded = product(instances, cap)
        if memoryNeeded > Int128(freeMemory.bytes) {
            problems.append(
                "memory: \(fleet.instances) instances × the scenario1 leak cap of \(describe(cap)) "
                + "(chunk_size \(leak.chunkSize) × max_chunks \(leak.maxChunks)) need \(describe(memoryNeeded)), "
                + "but only \(freeMemory) of memory is available; lower fleet.instances, "
                + "scenarios.scenario1.chunk_size or scenarios.scenario1.max_chunks")
        }

        let instancesDisk = product(instances, Int128(node.disk.bytes))
        let prometheusDisk = prometheusStored.map {
            Int128(PrometheusStoragePolicy(prometheus).diskToReserve(alreadyStored: $0).bytes)
        }
        // Saturating, as `product`: an absurd node.disk must read as "too much", not trap.
        let diskNeeded = instancesDisk > Int128.max - (prometheusDisk ?? 0) ? .max : instancesDisk + (prometheusDisk ?? 0)
        let reserve = scenarios.scenario2.freeSpaceReserve
        let usable = max(0, Int128(freeDisk.bytes) - Int128(reserve.bytes))
        if diskNeeded > usable {
            let prometheusPart = prometheusDisk.map { " + Prometheus' prometheus.retention_size (\(describe($0)) still to grow)" } ?? ""
            problems.append(
                "disk: \(fleet.instances) instances × node.disk \(node.disk)\(prometheusPart) need \(describe(diskNeeded)), "
                + "but only \(describe(usable)) can be written at \(fleet.dataDir) "
                + "(\(freeDisk) free less scenarios.scenario2.free_space_reserve \(reserve)); "
                + "lower fleet.instances or node.disk\(prometheusDisk == nil ? "" : " or prometheus.retention_size"), or free some disk space")
        }

        let descriptorsNeeded = product(instances, Int128(scenarios.scenario8.maxOpen))
        if descriptorsNeeded > Int128(freeFileHandles) {
            problems.append(
                "file descriptors: \(fleet.instances) instances × scenarios.scenario8.max_open \(scenarios.scenario8.maxOpen) "
                + "need \(descriptorsNeeded) file handles, but the system can open only \(freeFileHandles) more; "
                + "lower fleet.instances or scenarios.scenario8.max_open")
        }
        return problems
    }

    /// ``validateResources(freeMemory:freeDisk:)`` against this machine: `MemAvailable` and the
    /// free space of the filesystem that will hold `fleet.data_dir`.
    public func validateResources() -> [String] {
        validateResources(freeMemory: MachineResources.freeMemory(), freeDisk: MachineResources.freeDisk(at: fleet.dataDir))
    }

    /// `a × b`, saturating at `Int128.max`: this may run on a configuration that was never
    /// validated, and an absurd product must read as "too much", not trap.
    private func product(_ a: Int128, _ b: Int128) -> Int128 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : value
    }

    /// A byte count that may exceed `Int64` (a product of settings), in `ByteSize` style.
    private func describe(_ bytes: Int128) -> String {
        bytes > Int128(Int64.max) ? "more than 8 EiB" : ByteSize(bytes: Int64(bytes)).description
    }
}
