import Prometheus

/// Names, help texts and buckets of every family an instance exposes.
///
/// `MetricNameDescriptor` is not `Sendable`, but these constants are never mutated, hence
/// `nonisolated(unsafe)`.
///
/// The names are the lab handout's (see `shared/reference/metrics.md`); one table keeps help
/// texts identical wherever a family is touched, which swift-prometheus requires.
enum MetricNames {
    nonisolated(unsafe) static let httpDuration = MetricNameDescriptor(
        metricName: "http_server_duration_milliseconds", helpText: "Duration of HTTP server requests.")
    nonisolated(unsafe) static let httpResponseSize = MetricNameDescriptor(
        metricName: "http_server_response_size_bytes",
        helpText: "measures the size of HTTP response messages (compressed).")
    nonisolated(unsafe) static let httpRequestSize = MetricNameDescriptor(
        metricName: "http_server_request_size_bytes",
        helpText: "Measures the size of HTTP request messages (compressed).")
    nonisolated(unsafe) static let httpActive = MetricNameDescriptor(
        metricName: "http_server_active_requests", helpText: "Number of active HTTP server requests.")
    /// OpenTelemetry's default explicit buckets, used by all three HTTP histograms.
    static let httpBuckets: [Double] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000]

    nonisolated(unsafe) static let myCount = MetricNameDescriptor(metricName: "my_count_total", helpText: "Event count")
    nonisolated(unsafe) static let myDuration = MetricNameDescriptor(metricName: "my_duration_milliseconds", helpText: "Event duration")
    nonisolated(unsafe) static let myValue = MetricNameDescriptor(metricName: "my_value", helpText: "Some stateful value")
    /// `0, 500, …, 9500`: the original's 20 bounds.
    static let myDurationBuckets: [Double] = (0..<20).map { Double($0 * 500) }

    nonisolated(unsafe) static let groupMemory = MetricNameDescriptor(
        metricName: "namedprocess_namegroup_memory_bytes", helpText: "number of bytes of memory in use")
    nonisolated(unsafe) static let groupProcs = MetricNameDescriptor(
        metricName: "namedprocess_namegroup_num_procs", helpText: "number of processes in this group")
    nonisolated(unsafe) static let groupCPU = MetricNameDescriptor(
        metricName: "namedprocess_namegroup_cpu_seconds_total", helpText: "Cpu user usage in seconds")
    nonisolated(unsafe) static let groupFDs = MetricNameDescriptor(
        metricName: "namedprocess_namegroup_open_filedesc", helpText: "number of open file descriptors for this group")
    nonisolated(unsafe) static let groupThreads = MetricNameDescriptor(
        metricName: "namedprocess_namegroup_num_threads", helpText: "Number of threads")

    nonisolated(unsafe) static let processResident = MetricNameDescriptor(
        metricName: "process_resident_memory_bytes", helpText: "Resident memory size in bytes.")
    nonisolated(unsafe) static let processVirtual = MetricNameDescriptor(
        metricName: "process_virtual_memory_bytes", helpText: "Virtual memory size in bytes.")
    nonisolated(unsafe) static let processCPU = MetricNameDescriptor(
        metricName: "process_cpu_seconds_total", helpText: "Total user and system CPU time spent in seconds.")
    nonisolated(unsafe) static let processOpenFDs = MetricNameDescriptor(
        metricName: "process_open_fds", helpText: "Number of open file descriptors.")
    nonisolated(unsafe) static let processMaxFDs = MetricNameDescriptor(
        metricName: "process_max_fds", helpText: "Maximum number of open file descriptors.")
    nonisolated(unsafe) static let processStart = MetricNameDescriptor(
        metricName: "process_start_time_seconds", helpText: "Start time of the process since unix epoch in seconds.")

    nonisolated(unsafe) static let filesystemSize = MetricNameDescriptor(
        metricName: "node_filesystem_size_bytes", helpText: "Filesystem size in bytes.")
    nonisolated(unsafe) static let filesystemFree = MetricNameDescriptor(
        metricName: "node_filesystem_free_bytes", helpText: "Filesystem free space in bytes.")
    nonisolated(unsafe) static let filesystemAvail = MetricNameDescriptor(
        metricName: "node_filesystem_avail_bytes", helpText: "Filesystem space available to non-root users in bytes.")
    nonisolated(unsafe) static let memoryTotal = MetricNameDescriptor(
        metricName: "node_memory_MemTotal_bytes", helpText: "Memory information field MemTotal_bytes.")
    nonisolated(unsafe) static let memoryFree = MetricNameDescriptor(
        metricName: "node_memory_MemFree_bytes", helpText: "Memory information field MemFree_bytes.")
    nonisolated(unsafe) static let memoryAvailable = MetricNameDescriptor(
        metricName: "node_memory_MemAvailable_bytes", helpText: "Memory information field MemAvailable_bytes.")
    nonisolated(unsafe) static let nodeCPU = MetricNameDescriptor(
        metricName: "node_cpu_seconds_total", helpText: "Seconds the CPUs spent in each mode.")
    nonisolated(unsafe) static let nodeLoad1 = MetricNameDescriptor(metricName: "node_load1", helpText: "1m load average.")
    nonisolated(unsafe) static let memoryActive = MetricNameDescriptor(
        metricName: "node_memory_Active_bytes", helpText: "Memory information field Active_bytes.")
}
