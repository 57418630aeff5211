#if canImport(Glibc)
import Glibc
#endif
import Prometheus
import Synchronization

/// Every metric of one instance, in one swift-prometheus registry.
///
/// HTTP and showcase metrics are recorded as requests happen; process and node metrics are real
/// readings taken when `/metrics` is scraped (`render()`), never counters of intent.
public final class InstanceMetrics: Sendable {
    /// The registry `render()` exposes; tests may read it directly.
    public let registry = PrometheusCollectorRegistry()

    /// Most distinct `my_label` values kept: each is a series forever, and a classroom (or a
    /// fuzzer) must not be able to grow an instance's memory without bound through the URL.
    public static let maxCountLabels = 1000
    /// Most distinct `Host` headers kept as `http_server_name`; further ones are `other`.
    public static let maxServerNames = 32

    private let socketAddress: String
    private let port: String
    private let processGroup: String
    private let host: SimulatedHost
    private let sampler = ProcessSampler()

    /// The HTTP series per method and server name, and the server names admitted so far.
    private let httpSeries = Mutex<(series: [HTTPRequestSeries.Key: HTTPRequestSeries], serverNames: Set<String>)>(([:], []))
    /// The `my_count_total` counter of every admitted label, so a count is one lookup, not a
    /// registry query.
    private let countCounters = Mutex<[String: Counter]>([:])
    /// Last CPU readings, so the CPU counters can be advanced by the real delta.
    private let lastCPU = Mutex<(user: Double, system: Double)>((0, 0))
    /// The simulated host's last CPU times and load, advanced the same way.
    private let hostCPU = Mutex<(times: SimulatedCPUTimes?, load: LoadAverage, at: ContinuousClock.Instant)>(
        (nil, LoadAverage(), .now))

    private let myDuration: ValueHistogram
    private let myValue: Gauge
    /// The process and node series a scrape sets.
    private let readings: ReadingSeries

    /// - Parameters:
    ///   - host: the server's bind address, `http_host` is `host:port` as the original reports.
    ///   - processGroup: the `groupname` of the process-exporter-style metrics.
    ///   - simulatedHost: the instance's own disk and memory for `node_*`.
    public init(host bindHost: String, port: Int, processGroup: String, simulatedHost: SimulatedHost) {
        socketAddress = "\(bindHost):\(port)"
        self.port = String(port)
        self.processGroup = processGroup
        host = simulatedHost
        myDuration = registry.makeValueHistogram(
            descriptor: MetricNames.myDuration, labels: [], buckets: MetricNames.myDurationBuckets)
        myValue = registry.makeGauge(descriptor: MetricNames.myValue)
        readings = ReadingSeries(registry: registry, processGroup: processGroup, cpus: simulatedHost.cpus)
        _ = render()
    }

    // MARK: Showcase

    /// Counts one event under `label`; false when the label budget is spent.
    public func countEvent(label: String) -> Bool {
        let counter = countCounters.withLock { counters -> Counter? in
            if let counter = counters[label] { return counter }
            guard counters.count < Self.maxCountLabels else { return nil }
            let counter = registry.makeCounter(descriptor: MetricNames.myCount, labels: [("my_label", label)])
            counters[label] = counter
            return counter
        }
        guard let counter else { return false }
        counter.increment()
        return true
    }

    /// Records one `my_duration_milliseconds` observation (negative values are accepted, as the original).
    public func recordDuration(milliseconds: Double) {
        myDuration.record(milliseconds)
    }

    /// Sets `my_value`.
    public func setValue(_ value: Double) {
        myValue.set(value)
    }

    // MARK: HTTP

    /// The series of a request with this method and `Host`, made on first use. A server name
    /// past the budget of ``maxServerNames`` is counted as `other`.
    func requestSeries(method: String, serverName: String) -> HTTPRequestSeries {
        httpSeries.withLock { state in
            if let series = state.series[HTTPRequestSeries.Key(method: method, serverName: serverName)] { return series }
            var admitted = serverName
            if !state.serverNames.contains(serverName) {
                if state.serverNames.count < Self.maxServerNames {
                    state.serverNames.insert(serverName)
                } else {
                    admitted = "other"
                }
            }
            let key = HTTPRequestSeries.Key(method: method, serverName: admitted)
            if let series = state.series[key] { return series }
            let series = HTTPRequestSeries(key: key, registry: registry, socketAddress: socketAddress, port: port)
            state.series[key] = series
            return series
        }
    }

    /// Records a finished request in the duration, response size and (when it had a body)
    /// request size histograms.
    func recordRequest(
        method: String, serverName: String, statusCode: Int, target: String?,
        milliseconds: Double, requestBytes: Int?, responseBytes: Int
    ) {
        requestSeries(method: method, serverName: serverName)
            .route(statusCode: statusCode, target: target)
            .record(milliseconds: milliseconds, requestBytes: requestBytes, responseBytes: responseBytes)
    }

    // MARK: Exposition

    /// Takes fresh process and node readings, then renders the text exposition format.
    public func render() -> [UInt8] {
        updateProcessAndHostReadings()
        return registry.emitToBuffer()
    }

    private func updateProcessAndHostReadings() {
        let sample = sampler.sample()
        readings.groupResident.set(Double(sample.residentBytes))
        readings.groupVirtual.set(Double(sample.virtualBytes))
        readings.groupSwapped.set(Double(sample.swappedBytes))
        readings.groupProcs.set(1.0)
        readings.groupFDs.set(Double(sample.openFileDescriptors))
        readings.groupThreads.set(Double(sample.threads))

        let (userDelta, systemDelta) = lastCPU.withLock { last -> (Double, Double) in
            let deltas = (max(0, sample.userCPUSeconds - last.user), max(0, sample.systemCPUSeconds - last.system))
            last = (max(last.user, sample.userCPUSeconds), max(last.system, sample.systemCPUSeconds))
            return deltas
        }
        readings.groupUserCPU.increment(by: userDelta)
        readings.groupSystemCPU.increment(by: systemDelta)
        readings.processCPU.increment(by: userDelta + systemDelta)

        readings.processResident.set(Double(sample.residentBytes))
        readings.processVirtual.set(Double(sample.virtualBytes))
        readings.processOpenFDs.set(Double(sample.openFileDescriptors))
        readings.processMaxFDs.set(Double(sample.maxFileDescriptors))
        readings.processStart.set(sample.startTime)

        let free = Double(host.diskFree(used: host.diskUsed()))
        readings.filesystemSize.set(Double(host.diskSize))
        readings.filesystemFree.set(free)
        readings.filesystemAvail.set(free)

        let memoryFree = Double(host.memoryFree(resident: sample.residentBytes))
        readings.memoryTotal.set(Double(host.memorySize))
        readings.memoryFree.set(memoryFree)
        readings.memoryAvailable.set(memoryFree)
        readings.memoryActive.set(Double(sample.residentBytes))
        updateHostCPU(sample)
    }

    /// `node_cpu_seconds_total` and `node_load1` from the process's CPU time (see ``SimulatedCPUTimes``).
    private func updateHostCPU(_ sample: ProcessSample) {
        let now = ContinuousClock.now
        let wallClock = Double(Self.unixTime())
        let reading = SimulatedCPUTimes(
            cpus: host.cpus, uptime: wallClock - sample.startTime,
            userSeconds: sample.userCPUSeconds, systemSeconds: sample.systemCPUSeconds)
        let (previous, times, load) = hostCPU.withLock { state -> (SimulatedCPUTimes?, SimulatedCPUTimes, Double) in
            let previous = state.times
            // Counters only move forward: a reading below the last one (rounding) is held.
            let times = reading.notBelow(previous)
            if let previous {
                let elapsed = now - state.at
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let busy = (times.user + times.system - previous.user - previous.system) * Double(host.cpus)
                state.load.observe(busyCores: seconds > 0 ? busy / seconds : 0, elapsed: seconds)
            }
            state.times = times
            state.at = now
            return (previous, times, state.load.value)
        }
        for counters in readings.nodeCPU {
            for (mode, counter) in zip(SimulatedCPUTimes.modes, counters) {
                counter.increment(by: max(0, times.seconds(mode: mode) - (previous?.seconds(mode: mode) ?? 0)))
            }
        }
        readings.load1.set(load)
    }

    private static func unixTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
