import Foundation
import FleetTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The whole lab, end to end, with a real Prometheus: `fleet up` starts a 3-instance fleet and its
/// own Prometheus (1 s scrape and evaluation interval, the fast alert rules); one instance each
/// runs scenario1, scenario2 and scenario3; then everything the students and the on-call
/// dashboard rely on is asked of Prometheus' HTTP API, exactly as they would ask it:
///
/// - each failure shows on its own instance, and on no other (429s, resident memory, disk);
/// - every dashboard panel query and every rule expression is valid PromQL that Prometheus runs;
/// - each alert of `lab/rules/fleet-alerts-fast.yml` goes pending or firing for its instance only;
/// - `fleet down` leaves no process (instances and Prometheus) and, with `keep_data: false`, no file behind.
///
/// Runs where the `prometheus` binary is on PATH, and always under CI (`CI` set), where a missing
/// binary fails the test instead of skipping it.
extension MultiProcessTests {
@Suite(.serialized)
struct PrometheusEndToEndTests {
    /// `fleet up` looks for `prometheus` on PATH, and so does this gate.
    static let prometheusInstalled = ExternalRequirement.executable(named: "prometheus") != nil

    // Ports no other test uses.
    static let basePort = 23081  // svc-01 … svc-03: 23081 … 23083
    static let supervisorMetricsPort = 23100
    static let prometheusPort = 23190

    /// The whole test, bring-up to shutdown, stays within this.
    static let testBudget: Duration = .seconds(120)
    /// Once every expected signal was seen, keep watching at least this long after the scenarios
    /// started, so that "and on no other instance" covers every alert's full `for:` (10 s) and
    /// more than half of the 30 s windows.
    static let minimumObservation: Duration = .seconds(20)

    @Test(.enabled(
        if: ExternalRequirement.shouldRun(PrometheusEndToEndTests.prometheusInstalled),
        "needs the prometheus binary on PATH (apt-get install prometheus)"))
    func eachScenarioShowsInPrometheusOnItsOwnInstanceOnly() async throws {
        try #require(Self.prometheusInstalled, "prometheus is not on PATH")
        let testDeadline = ContinuousClock.now + Self.testBudget
        let fastRules = TestFleet.fastRules
        let fleet = try TestFleet(
            name: "prometheus", basePort: Self.basePort, metricsPort: Self.supervisorMetricsPort,
            // A small disk, so that scenario2 visibly fills it within the test (128 MiB at 5 MiB/s).
            node: "{ memory: 512MiB, disk: 128MiB }",
            // Strong, fast and bounded: scenario1 leaks 5 MB/s for 30 s (150 MB at most), scenario2
            // writes 5 MiB/s until the simulated disk is full, scenario3's client sends 50 calls/s
            // of which 10 a minute are allowed.
            scenarios: """
                { scenario1: { chunk_size: 1MB, interval: 200ms, max_chunks: 150 }, \
                scenario2: { chunk_size: 1MiB, interval: 200ms, free_space_reserve: 64MiB }, \
                scenario3: { client_rate: 50, min_delay: 1ms, max_delay: 5ms } }
                """,
            // `enabled: true`, not auto: a missing binary must fail `fleet up`, not skip Prometheus.
            // `keep_data: false`: the behaviour before data was kept, so `fleet down` leaves no file
            // (keeping it is PrometheusHistoryTests').
            prometheus: TestFleet.fastPrometheusSection(port: Self.prometheusPort))
        defer { fleet.tearDown() }
        let prometheus = PrometheusAPI(base: "http://127.0.0.1:\(Self.prometheusPort)")
        let everyInstance = Set((1...fleet.instances).map(fleet.id))

        // Deliberately not svc-0N for scenarioN: a mix-up of instance labels cannot pass by chance.
        let leaking = fleet.id(3)   // scenario1, memory leak
        let filling = fleet.id(1)   // scenario2, disk fill
        let limited = fleet.id(2)   // scenario3, rate limit
        let culprit = [
            "FleetInstanceMemoryLeak": leaking, "FleetInstanceDiskWillFill": filling, "FleetInstanceRateLimited": limited,
        ]

        // MARK: Bring-up

        try await fleet.up()
        // Prometheus is the fleet's: a process whose command line names the fleet's data folder
        // (its config and TSDB live there). Found now, so the final check proves it went away.
        let prometheusProcesses = ProcessTable.processes(whoseCommandLineContains: fleet.dataDir)
            .filter { $0.arguments.first?.hasSuffix("prometheus") == true }
        #expect(prometheusProcesses.count == 1, "expected one Prometheus process of this fleet, found \(prometheusProcesses.map(\.arguments))")

        // Every target is scraped with its readable labels before any scenario starts: three
        // instances (job fleet-instances) and the supervisor (job fleet-supervisor).
        try await pollUntil(testDeadline, limit: .seconds(30), "Prometheus to scrape every target") {
            let instances = try? await prometheus.query(#"up{job="fleet-instances"} == 1"#)
            let supervisor = try? await prometheus.query(#"up{job="fleet-supervisor"} == 1"#)
            return Set(instances?.samples.compactMap(\.instance) ?? []) == everyInstance && supervisor?.samples.count == 1
        }
        let targets = try await prometheus.query(#"up{job="fleet-instances"}"#)
        #expect(targets.samples.allSatisfy { $0.metric["fleet"] == "itest" }, "every target carries fleet=\"itest\": \(targets.samples.map(\.metric))")

        // A baseline of healthy samples before any scenario starts, as a class's long-running
        // Prometheus has. Without it a `deriv(…[30s])` fits a line through 2–3 samples, and the
        // one-off RSS step of starting a scenario (≈ 2.5 MB for scenario2's first write buffer,
        // then flat) reads as > 1 MB/s: a "leak" on the disk-fill instance. With b seconds of flat
        // history a step of H bytes shows as at most ≈ 0.9·H/b bytes/s while the window fills,
        // and 1.5·H/30 s once it is full: ≈ 110–125 kB/s for 2.5 MB after b = 20 s (measured:
        // 120–190 kB/s, the step varies), well under the 500 kB/s below and the fast alert's own.
        try await pollUntil(testDeadline, limit: .seconds(30), "a 20 s baseline of samples") {
            let baseline = try? await prometheus.query(#"count_over_time(up{job="fleet-instances"}[30s]) >= 20"#)
            return Set(baseline?.samples.compactMap(\.instance) ?? []) == everyInstance
        }

        // MARK: Scenarios

        for (scenario, instance) in [("scenario1", leaking), ("scenario2", filling), ("scenario3", limited)] {
            let start = try fleet.cli(["start", scenario, "--instance", instance])
            #expect(start.status == 0 && start.stdout.contains("started"), "start \(scenario) on \(instance): \(start.stdout)\(start.stderr)")
        }
        let scenariosStarted = ContinuousClock.now

        // MARK: Watch Prometheus, once a second

        // Every poll asks the same questions; the answers are collected over the whole watch, so
        // that "its instance" needs one sighting and "no other instance" holds for every poll.
        var watch = Watch()
        let watchDeadline = min(testDeadline - .seconds(25), scenariosStarted + .seconds(60))
        while true {
            try await watch.poll(prometheus)
            let everythingSeen = watch.rate429.contains(limited) && watch.memoryRising.contains(leaking)
                && watch.diskFalling.contains(filling)
                && culprit.allSatisfy { watch.alerts[$0.key, default: []].contains($0.value) }
            if everythingSeen, ContinuousClock.now - scenariosStarted >= Self.minimumObservation { break }
            if ContinuousClock.now >= watchDeadline { break }
            try await Task.sleep(for: .seconds(1))
        }
        let watched = ContinuousClock.now - scenariosStarted
        let context = "after watching \(watched) (\(watch.polls) polls): \(watch)"
        print("PrometheusEndToEndTests: \(context)")

        // 1. Requests answered 429 per second, by instance and status code: a `429` series exists
        //    for the rate-limited instance and for no other (the others answer only 200s, e.g. to
        //    the scrapes themselves).
        #expect(watch.rate429 == [limited], "instances with a 429 series: \(context)")

        // 2. Resident memory grows (`deriv > 500e3` bytes/s over 30 s, the fast alert's threshold)
        //    on the leaking instance only. The leak runs at 5 MB/s, ten times more; the others
        //    stay under ≈ 200 kB/s (scenario2's and scenario3's one-off start-up steps).
        #expect(watch.memoryRising == [leaking], "instances whose resident memory rises: \(context)")

        // 3. Available disk space falls on the filling instance only: nothing else writes into
        //    an instance's simulated disk, so the others' `deriv` is exactly 0.
        #expect(watch.diskFalling == [filling], "instances whose disk space falls: \(context)")

        // 5. (checked here, watched above) Each alert of the fast rule file went pending or firing
        //    for its culprit and for no other instance; `FleetInstanceDown` never went active,
        //    as every instance stayed up. Every alert carries job and fleet as well.
        for (alert, instance) in culprit.sorted(by: { $0.key < $1.key }) {
            #expect(watch.alerts[alert, default: []] == [instance], "\(alert) active for: \(context)")
        }
        #expect(watch.alerts["FleetInstanceDown"] == nil, "FleetInstanceDown active for: \(context)")
        #expect(Set(watch.alerts.keys).isSubset(of: Set(culprit.keys)), "unexpected alerts: \(context)")
        #expect(watch.alertLabelProblems.isEmpty, "alerts without the fleet's labels: \(watch.alertLabelProblems)")

        // MARK: 4. Every dashboard panel and every rule expression runs

        // The dashboard's panels (`$instance` already replaced by `.*`). Each must be valid PromQL
        // that Prometheus runs (`status == "success"`). With the three scenarios running every
        // panel has data for every instance — up, restarts (0, from the supervisor's job),
        // memory, disk, request rate (every instance answers the scrapes), 429 share (0 where
        // there are none) and p99 — except "Firing fleet alerts", which may be empty: an alert
        // may still be pending, or resolved (the leak stops growing after 30 s).
        let panels = try String(contentsOfFile: TestFleet.repositoryRoot + "/lab/dashboard-queries.txt", encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(panels.count >= 9, "lab/dashboard-queries.txt lists fewer panel queries than the dashboard has")
        for panel in panels {
            let result = try await prometheus.query(panel)
            #expect(result.status == "success", "panel query failed: \(panel)\n\(result.error ?? "")")
            #expect(result.resultType == "vector", "panel query is not an instant vector: \(panel)")
            // Alerts may be empty; panels summed by zone have no instance label.
            if panel.hasPrefix("ALERTS") || panel.contains("by (zone") { continue }
            #expect(Set(result.samples.compactMap(\.instance)) == everyInstance,
                    "panel query must have a series for every instance: \(panel)\n\(result.samples.map(\.metric))")
        }

        // The rules as Prometheus loaded them: the fast file's group, with every alert the file
        // defines, each evaluated without error; then each expression run as a query.
        let groups = try await prometheus.rules()
        let loaded = groups.filter { $0.file == fastRules }.flatMap(\.rules)
        let defined = try String(contentsOfFile: fastRules, encoding: .utf8).split(separator: "\n")
            .compactMap { line -> String? in
                let text = line.trimmingCharacters(in: .whitespaces)
                return text.hasPrefix("- alert:") ? text.dropFirst("- alert:".count).trimmingCharacters(in: .whitespaces) : nil
            }
        #expect(!defined.isEmpty)
        #expect(loaded.map(\.name).sorted() == defined.sorted(), "rules loaded from \(fastRules): \(loaded.map(\.name))")
        #expect(groups.allSatisfy { $0.file == fastRules }, "only the fast rule file may be loaded: \(groups.map(\.file))")
        for rule in loaded {
            #expect(rule.health == "ok" && (rule.lastError ?? "").isEmpty, "rule \(rule.name): health \(rule.health) \(rule.lastError ?? "")")
            let result = try await prometheus.query(rule.query)
            #expect(result.status == "success", "rule \(rule.name)'s expression failed: \(rule.query)\n\(result.error ?? "")")
        }

        // MARK: Stop everything

        // `fleet down` stops the fleet as Ctrl-C does: instances and Prometheus end, every file goes.
        let down = try fleet.cli(["down"])
        #expect(down.status == 0, "\(down.stdout)\(down.stderr)")
        let supervisor = try #require(fleet.supervisor)
        try await pollUntil(testDeadline + .seconds(5), limit: .seconds(15), "the supervisor to exit") { !supervisor.isRunning }
        #expect(supervisor.terminationReason == .exit && supervisor.terminationStatus == 0, "\(fleet.log)")
        // No process of this fleet is left: read from /proc, not from the supervisor's word.
        // Instances and Prometheus both have the data folder on their command line.
        let left = ProcessTable.processes(whoseCommandLineContains: fleet.dataDir)
        #expect(left.isEmpty, "processes left: \(left.map { "\($0.pid) \($0.arguments.joined(separator: " "))" })")
        for process in prometheusProcesses {
            #expect(kill(process.pid, 0) != 0, "Prometheus (pid \(process.pid)) still exists")
        }
        #expect((try? await TestFleet.http("GET", prometheus.base + "/-/ready")) == nil, "Prometheus still answers")
        // No file is left: instance folders, disk fill, control sockets, Prometheus' config and TSDB.
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir),
                "left: \((try? FileManager.default.subpathsOfDirectory(atPath: fleet.dataDir)) ?? [])")
    }
}
}

// MARK: - What the test watches

/// The answers of every poll, collected. Each set holds the instances for which a signal was
/// seen at least once.
private struct Watch: CustomStringConvertible {
    var polls = 0
    /// Instances with a `429` series in the per-instance, per-status request rate.
    var rate429: Set<String> = []
    /// Instances whose resident memory grew faster than 500 kB/s.
    var memoryRising: Set<String> = []
    /// Instances whose available disk space fell.
    var diskFalling: Set<String> = []
    /// Alert name → instances it was pending or firing for.
    var alerts: [String: Set<String>] = [:]
    /// Alert name → states seen ("pending", "firing").
    var alertStates: [String: Set<String>] = [:]
    /// Active alerts lacking `job="fleet-instances"` or `fleet="itest"`.
    var alertLabelProblems: [[String: String]] = []
    /// Extremes per instance, to explain a failure.
    var maxMemoryDeriv: [String: Double] = [:]
    var minDiskDeriv: [String: Double] = [:]

    mutating func poll(_ prometheus: PrometheusAPI) async throws {
        polls += 1
        // The lab's scenario3 query, over a 15 s window so it reacts within seconds.
        let requests = try await prometheus.query(
            "sum by (instance, http_status_code) (rate(http_server_duration_milliseconds_count[15s]))")
        rate429.formUnion(requests.samples.filter { $0.metric["http_status_code"] == "429" }.compactMap(\.instance))

        // Only the instances' own memory: the supervisor's job is not a service instance.
        let memory = try await prometheus.query(#"deriv(process_resident_memory_bytes{job="fleet-instances"}[30s])"#)
        for sample in memory.samples {
            guard let instance = sample.instance else { continue }
            maxMemoryDeriv[instance] = max(maxMemoryDeriv[instance] ?? -.infinity, sample.value)
            if sample.value > 500e3 { memoryRising.insert(instance) }
        }

        let disk = try await prometheus.query(#"deriv(node_filesystem_avail_bytes{mountpoint="/"}[30s])"#)
        for sample in disk.samples {
            guard let instance = sample.instance else { continue }
            minDiskDeriv[instance] = min(minDiskDeriv[instance] ?? .infinity, sample.value)
            if sample.value < 0 { diskFalling.insert(instance) }
        }

        for alert in try await prometheus.alerts() {
            let name = alert.labels["alertname"] ?? "?"
            alerts[name, default: []].insert(alert.labels["instance"] ?? "(no instance label)")
            alertStates[name, default: []].insert(alert.state)
            if alert.labels["job"] != "fleet-instances" || alert.labels["fleet"] != "itest" {
                alertLabelProblems.append(alert.labels)
            }
        }
    }

    var description: String {
        func rounded(_ values: [String: Double]) -> String {
            values.sorted { $0.key < $1.key }.map { "\($0.key): \(Int($0.value))" }.joined(separator: ", ")
        }
        return """
            429 series on \(rate429.sorted()); memory rising on \(memoryRising.sorted()) (max deriv B/s \
            \(rounded(maxMemoryDeriv))); disk falling on \(diskFalling.sorted()) (min deriv B/s \
            \(rounded(minDiskDeriv))); alerts \(alerts.mapValues { $0.sorted() }) states \(alertStates.mapValues { $0.sorted() })
            """
    }
}
