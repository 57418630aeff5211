import Prometheus

/// The series of the process and node readings a scrape takes, made once.
///
/// A scrape sets about forty of them. Asking the registry for each one at every scrape cost a
/// lock, a name validation and a hash of the labels per series, a tenth of an idle instance's
/// scrape time (`perf` of a fleet of 200); holding the handles makes each reading one store.
struct ReadingSeries: Sendable {
    let groupResident: Gauge
    let groupVirtual: Gauge
    let groupSwapped: Gauge
    let groupProcs: Gauge
    let groupFDs: Gauge
    let groupThreads: Gauge
    let groupUserCPU: Counter
    let groupSystemCPU: Counter
    let processCPU: Counter
    let processResident: Gauge
    let processVirtual: Gauge
    let processOpenFDs: Gauge
    let processMaxFDs: Gauge
    let processStart: Gauge
    let filesystemSize: Gauge
    let filesystemFree: Gauge
    let filesystemAvail: Gauge
    let memoryTotal: Gauge
    let memoryFree: Gauge
    let memoryAvailable: Gauge
    let memoryActive: Gauge
    let load1: Gauge
    /// `node_cpu_seconds_total` per simulated CPU, in the order of ``SimulatedCPUTimes/modes``.
    let nodeCPU: [[Counter]]

    /// Registers every series in `registry`; `cpus` simulated CPUs.
    init(registry: PrometheusCollectorRegistry, processGroup: String, cpus: Int) {
        let group = [("groupname", processGroup)]
        func gauge(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)] = []) -> Gauge {
            registry.makeGauge(descriptor: descriptor, labels: labels)
        }
        func counter(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)] = []) -> Counter {
            registry.makeCounter(descriptor: descriptor, labels: labels)
        }
        groupResident = gauge(MetricNames.groupMemory, group + [("memtype", "resident")])
        groupVirtual = gauge(MetricNames.groupMemory, group + [("memtype", "virtual")])
        groupSwapped = gauge(MetricNames.groupMemory, group + [("memtype", "swapped")])
        groupProcs = gauge(MetricNames.groupProcs, group)
        groupFDs = gauge(MetricNames.groupFDs, group)
        groupThreads = gauge(MetricNames.groupThreads, group)
        groupUserCPU = counter(MetricNames.groupCPU, group + [("mode", "user")])
        groupSystemCPU = counter(MetricNames.groupCPU, group + [("mode", "system")])
        processCPU = counter(MetricNames.processCPU)
        processResident = gauge(MetricNames.processResident)
        processVirtual = gauge(MetricNames.processVirtual)
        processOpenFDs = gauge(MetricNames.processOpenFDs)
        processMaxFDs = gauge(MetricNames.processMaxFDs)
        processStart = gauge(MetricNames.processStart)
        let filesystem = [("device", "/dev/simulated"), ("fstype", "ext4"), ("mountpoint", "/")]
        filesystemSize = gauge(MetricNames.filesystemSize, filesystem)
        filesystemFree = gauge(MetricNames.filesystemFree, filesystem)
        filesystemAvail = gauge(MetricNames.filesystemAvail, filesystem)
        memoryTotal = gauge(MetricNames.memoryTotal)
        memoryFree = gauge(MetricNames.memoryFree)
        memoryAvailable = gauge(MetricNames.memoryAvailable)
        memoryActive = gauge(MetricNames.memoryActive)
        load1 = gauge(MetricNames.nodeLoad1)
        nodeCPU = (0..<cpus).map { cpu in
            SimulatedCPUTimes.modes.map { mode in counter(MetricNames.nodeCPU, [("cpu", String(cpu)), ("mode", mode)]) }
        }
    }
}
