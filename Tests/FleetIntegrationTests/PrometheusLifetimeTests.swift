import FleetTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The fleet's Prometheus lives exactly as long as its supervisor. Linux sends the
/// parent-death signal when the *thread* that spawned a child exits: spawned from a
/// cooperative-pool thread, Prometheus would die whenever the pool retires that thread. It is
/// spawned from the supervisor's long-lived spawner thread, so it stays through a long idle
/// spell, and goes at once with a killed supervisor.
///
/// Not nested in `MultiProcessTests`: most of its time is idle waiting, which the other
/// multi-process suites can use. It has ports of its own.
@Suite struct PrometheusLifetimeTests {
    static let basePort = 26581
    static let prometheusPort = 26590

    @Test(.enabled(
        if: ExternalRequirement.shouldRun(ExternalRequirement.executable(named: "prometheus") != nil),
        "needs the prometheus binary on PATH (apt-get install prometheus)"))
    func prometheusOutlivesAnIdleSpellAndNotItsSupervisor() async throws {
        try #require(ExternalRequirement.executable(named: "prometheus") != nil, "prometheus is not on PATH")
        let fleet = try TestFleet(
            name: "promlife", instances: 1, basePort: Self.basePort,
            prometheus: "{ enabled: true, port: \(Self.prometheusPort), scrape_interval: 5s }")
        defer { fleet.tearDown() }
        try await fleet.up()
        let prometheus = try await Self.prometheusPID(of: fleet)

        // The idle spell under test (the pool retires idle threads within seconds).
        try await Task.sleep(for: .seconds(180))
        #expect(ProcessTable.isAlive(prometheus), "Prometheus died while the fleet was idle")
        let ready = try await TestFleet.http("GET", "http://127.0.0.1:\(Self.prometheusPort)/-/ready")
        #expect(ready.status == 200)

        let supervisor = try #require(fleet.supervisor)
        kill(supervisor.processIdentifier, SIGKILL)
        supervisor.waitUntilExit()
        try await waitUntil(timeout: .seconds(3), "Prometheus to go with its supervisor") { !ProcessTable.isAlive(prometheus) }
    }

    /// The fleet's Prometheus process: the one whose command line names the fleet's data folder.
    static func prometheusPID(of fleet: TestFleet) async throws -> pid_t {
        var found: pid_t?
        try await waitUntil(timeout: .seconds(10), "the fleet's Prometheus process") {
            found = ProcessTable.processes(whoseCommandLineContains: fleet.dataDir)
                .first { $0.arguments.first?.hasSuffix("prometheus") == true }?.pid
            return found != nil
        }
        return try #require(found)
    }
}
