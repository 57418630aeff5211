import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// scenario4 … scenario8 end to end, with a real Prometheus (1 s scrape and evaluation, the fast
/// alert rules) and a test client sending steady traffic to every instance: five instances, one
/// mode each. Each mode's query singles out its instance and no other, and each new alert goes
/// pending or firing for its instance only.
///
/// Runs where `prometheus` is on PATH; under CI (`CI` set) a missing binary fails the test.
extension MultiProcessTests {
@Suite(.serialized)
struct AddedScenariosEndToEndTests {
    static let basePort = 25081  // svc-01 … svc-05
    static let supervisorMetricsPort = 25100
    static let prometheusPort = 25190
    static let testBudget: Duration = .seconds(150)

    /// Mode → (scenario, instance). Instance numbers are shuffled against scenario numbers, so a
    /// mix-up of labels cannot pass by chance.
    static let culprits: [(alias: String, instance: String, alert: String)] = [
        ("scenario4", "svc-03", "FleetInstanceHighLatency"),
        ("scenario5", "svc-05", "FleetInstanceServerErrors"),
        ("scenario6", "svc-01", "FleetInstanceHighCPU"),
        ("scenario7", "svc-04", "FleetInstanceCrashLooping"),
        ("scenario8", "svc-02", "FleetInstanceFileDescriptorLeak"),
    ]

    /// The queries of docs/lab.md's exercises 4–8 (15–30 s windows for a 1 s scrape), each with
    /// the instance it must single out.
    static let queries: [(query: String, instance: String)] = [
        (#"histogram_quantile(0.99, sum by (le, instance) (rate(http_server_duration_milliseconds_bucket{http_target=~"/showcase/.*"}[15s]))) > 100"#, "svc-03"),
        (#"sum by (instance) (rate(http_server_duration_milliseconds_count{http_status_code=~"5.."}[15s])) / sum by (instance) (rate(http_server_duration_milliseconds_count[15s])) > 0.1"#, "svc-05"),
        (#"rate(process_cpu_seconds_total{job="fleet-instances"}[15s]) > 0.3"#, "svc-01"),
        (#"rate(namedprocess_namegroup_cpu_seconds_total{mode="user"}[15s]) > 0.3"#, "svc-01"),
        (#"1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[15s])) > 0.15"#, "svc-01"),
        (#"changes(process_start_time_seconds{job="fleet-instances"}[30s]) > 0"#, "svc-04"),
        (#"process_open_fds{job="fleet-instances"} > 150"#, "svc-02"),
        (#"namedprocess_namegroup_open_filedesc > 150"#, "svc-02"),
    ]

    static var prometheusInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/prometheus") }
    }

    @Test func eachAddedModeShowsOnItsOwnInstanceOnly() async throws {
        guard Self.prometheusInstalled else {
            // Under CI a missing Prometheus is a failure, never a skip.
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("prometheus is not on PATH (scripts/install-deps.sh installs it)")
            }
            return
        }
        let testDeadline = ContinuousClock.now + Self.testBudget
        let fleet = try TestFleet(
            name: "added", instances: 5, basePort: Self.basePort, metricsPort: Self.supervisorMetricsPort,
            scenarios: """
                { scenario4: { delay: 250ms, jitter: 250ms }, scenario5: { error_rate: 0.3 }, \
                scenario6: { cores: 0.5 }, scenario7: { interval: 3s }, \
                scenario8: { per_step: 20, interval: 200ms, max_open: 400 } }
                """,
            prometheus: TestFleet.fastPrometheusSection(port: Self.prometheusPort))
        defer { fleet.tearDown() }
        let prometheus = PrometheusAPI(base: "http://127.0.0.1:\(Self.prometheusPort)")
        let everyInstance = Set((1...fleet.instances).map(fleet.id))

        try await fleet.up()
        let traffic = TrafficClient(ports: (1...fleet.instances).map(fleet.port))
        let trafficTask = Task { await traffic.run() }
        defer { trafficTask.cancel() }

        try await pollUntil(testDeadline, limit: .seconds(30), "a 15 s baseline of every target") {
            let baseline = try? await prometheus.query(#"count_over_time(up{job="fleet-instances"}[30s]) >= 15"#)
            return Set(baseline?.samples.compactMap(\.instance) ?? []) == everyInstance
        }

        for culprit in Self.culprits {
            let start = try fleet.cli(["start", culprit.alias, "--instance", culprit.instance])
            #expect(start.status == 0 && start.stdout.contains("started"), "start \(culprit.alias): \(start.stdout)\(start.stderr)")
        }
        let started = ContinuousClock.now

        // Collected over every poll: who each query showed, who each alert was active for.
        var shown: [String: Set<String>] = [:]
        var alerts: [String: Set<String>] = [:]
        let watchDeadline = min(testDeadline - .seconds(20), started + .seconds(75))
        while true {
            for (query, _) in Self.queries {
                let result = try await prometheus.query(query)
                #expect(result.status == "success", "\(query): \(result.error ?? "")")
                shown[query, default: []].formUnion(result.samples.compactMap(\.instance))
            }
            for alert in try await prometheus.alerts() {
                alerts[alert.labels["alertname"] ?? "?", default: []].insert(alert.labels["instance"] ?? "?")
            }
            let everythingSeen = Self.queries.allSatisfy { shown[$0.query, default: []].contains($0.instance) }
                && Self.culprits.allSatisfy { alerts[$0.alert, default: []].contains($0.instance) }
            // Past every alert's `for:` (10 s) and most of its window, so "no other" means something.
            if everythingSeen, ContinuousClock.now - started >= .seconds(30) { break }
            if ContinuousClock.now >= watchDeadline { break }
            try await Task.sleep(for: .seconds(1))
        }
        let context = "after \(ContinuousClock.now - started): shown \(shown.mapValues { $0.sorted() }), alerts \(alerts.mapValues { $0.sorted() }), traffic \(traffic.summary)"
        print("AddedScenariosEndToEndTests: \(context)")

        for (query, instance) in Self.queries {
            #expect(shown[query, default: []] == [instance], "\(query) must single out \(instance): \(context)")
        }
        for culprit in Self.culprits {
            #expect(alerts[culprit.alert, default: []] == [culprit.instance], "\(culprit.alert): \(context)")
        }
        // Alerts of other modes may only concern the crash-looping instance, whose process keeps
        // starting over (its memory climbs back after each start, its scrapes have gaps).
        let crashLooping = "svc-04"
        for (alert, instances) in alerts where !Self.culprits.contains(where: { $0.alert == alert }) {
            #expect(instances.isSubset(of: [crashLooping]), "\(alert) active for \(instances.sorted()): \(context)")
        }

        trafficTask.cancel()
        await trafficTask.value
        let stop = try fleet.cli(["stop", "all", "--all"])
        #expect(stop.status == 0 || stop.stdout.contains("unavailable"), "\(stop.stdout)\(stop.stderr)")
        let down = try fleet.cli(["down"])
        #expect(down.status == 0, "\(down.stdout)\(down.stderr)")
        let supervisor = try #require(fleet.supervisor)
        try await pollUntil(testDeadline + .seconds(10), limit: .seconds(15), "the supervisor to exit") { !supervisor.isRunning }
        let left = ProcessTable.processes(whoseCommandLineContains: fleet.dataDir)
        #expect(left.isEmpty, "processes left: \(left.map(\.pid))")
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir))
    }
}
}

/// Steady background traffic: one loop per instance, `GET /showcase/count/e2e` then a 100 ms
/// pause, as a class poking at its services would send. Errors (a restarting instance) are
/// counted and the loop goes on.
final class TrafficClient: Sendable {
    let ports: [Int]
    private let counts = Mutex<(answered: Int, failed: Int)>((0, 0))

    init(ports: [Int]) {
        self.ports = ports
    }

    var summary: String { counts.withLock { "\($0.answered) answered, \($0.failed) failed" } }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for port in ports {
                group.addTask { [self] in
                    while !Task.isCancelled {
                        let answered = (try? await TestFleet.http("GET", "http://127.0.0.1:\(port)/showcase/count/e2e")) != nil
                        counts.withLock { answered ? ($0.answered += 1) : ($0.failed += 1) }
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
        }
    }
}
