import Foundation
import FleetTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The class's history survives the fleet: with the default `prometheus.keep_data: true`, the
/// real Prometheus' TSDB stays after `fleet down`, the next `fleet up` of the same fleet
/// answers queries about the earlier run, and `fleet down --purge` deletes it — for a running
/// fleet and for a stopped one.
///
/// Needs the `prometheus` binary; under CI (`CI` set) a missing binary fails instead of skipping.
extension MultiProcessTests {
@Suite(.serialized)
struct PrometheusHistoryTests {
    static let runsHere = ExternalRequirement.shouldRun(ExternalRequirement.executable(named: "prometheus") != nil)

    // Ports no other test uses.
    static let basePort = 24081
    static let prometheusPort = 24190

    @Test(.enabled(if: runsHere, "needs the prometheus binary on PATH (apt-get install prometheus)"))
    func dataSurvivesDownAndUpAndPurgeDeletesIt() async throws {
        let fleet = try TestFleet(
            name: "history", instances: 2, basePort: Self.basePort,
            // `enabled: true`: a missing binary fails `fleet up` rather than skipping Prometheus.
            prometheus: "{ enabled: true, port: \(Self.prometheusPort), scrape_interval: 1s, evaluation_interval: 1s, rule_files: [] }")
        defer { fleet.tearDown() }
        let prometheus = "http://127.0.0.1:\(Self.prometheusPort)"
        let storage = fleet.dataDir + "/prometheus/data"

        // First run: wait until both instances were scraped, and remember when.
        try await fleet.up()
        var firstRun: Double?
        try await waitUntil(timeout: .seconds(30), "Prometheus to scrape both instances") {
            let samples = try? await Self.query(prometheus, #"up{job="fleet-instances"} == 1"#)
            if samples?.count == 2 { firstRun = samples?.first?.time }
            return firstRun != nil
        }
        let scrapedAt = try #require(firstRun)

        try await down(fleet)
        #expect(FileManager.default.fileExists(atPath: storage), "the TSDB must survive `fleet down`")
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir + "/prometheus/prometheus.yml"),
                "the generated configuration is rewritten at every start and need not stay")
        #expect(ProcessTable.processes(whoseCommandLineContains: fleet.dataDir).isEmpty)

        // Second run of the same fleet: the samples of the first run are queryable at their time.
        try await fleet.up()
        try await waitUntil(timeout: .seconds(30), "Prometheus to answer about the first run") {
            (try? await Self.query(prometheus, #"up{job="fleet-instances"}"#, at: scrapedAt))?.count == 2
        }

        // `--purge` on a running fleet: stops it, then deletes the data (and the empty folder).
        let purge = try fleet.cli(["down", "--purge"])
        #expect(purge.status == 0, "\(purge.stdout)\(purge.stderr)")
        #expect(purge.stdout.contains("Prometheus data deleted: \(fleet.dataDir)/prometheus"), "\(purge.stdout)")
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir),
                "left: \((try? FileManager.default.subpathsOfDirectory(atPath: fleet.dataDir)) ?? [])")
        let supervisor = try #require(fleet.supervisor)
        try await waitUntil(timeout: .seconds(15), "the supervisor to exit") { !supervisor.isRunning }
        #expect(ProcessTable.processes(whoseCommandLineContains: fleet.dataDir).isEmpty)
    }

    /// `fleet down --purge` of a fleet that is not running deletes the kept data without
    /// asking any supervisor; a second purge finds nothing and still succeeds.
    @Test func purgeOfAStoppedFleet() throws {
        let fleet = try TestFleet(name: "purge", instances: 1, basePort: Self.basePort)
        defer { fleet.tearDown() }
        let block = fleet.dataDir + "/prometheus/data/01ABC"
        try FileManager.default.createDirectory(atPath: block, withIntermediateDirectories: true)
        try Data("chunks".utf8).write(to: URL(fileURLWithPath: block + "/index"))

        let first = try fleet.cli(["down", "--purge"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout == "fleet 'itest' is not running; Prometheus data deleted: \(fleet.dataDir)/prometheus\n")
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir))

        let again = try fleet.cli(["down", "--purge"])
        #expect(again.status == 0 && again.stdout.contains("no Prometheus data at"), "\(again.stdout)\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fleet.dataDir))
    }

    /// `fleet down`, then the supervisor's exit.
    private func down(_ fleet: TestFleet) async throws {
        let down = try fleet.cli(["down"])
        #expect(down.status == 0, "\(down.stdout)\(down.stderr)")
        let supervisor = try #require(fleet.supervisor)
        try await waitUntil(timeout: .seconds(15), "the supervisor to exit") { !supervisor.isRunning }
    }

    /// An instant query (at `time`, Unix seconds, when given): each sample's time and labels.
    static func query(_ base: String, _ expression: String, at time: Double? = nil) async throws -> [(time: Double, metric: [String: String])] {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        var path = "/api/v1/query?query=" + expression.addingPercentEncoding(withAllowedCharacters: allowed)!
        if let time { path += "&time=\(time)" }
        let (_, body) = try await TestFleet.http("GET", base + path)
        struct Reply: Decodable {
            struct Payload: Decodable { var result: [Sample] }
            struct Sample: Decodable {
                var metric: [String: String]
                var value: [Value]
            }
            enum Value: Decodable {
                case number(Double), text(String)
                init(from decoder: any Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
                }
            }
            var data: Payload?
        }
        let reply = try JSONDecoder().decode(Reply.self, from: Data(body.utf8))
        return (reply.data?.result ?? []).map { sample in
            guard case .number(let time)? = sample.value.first else { return (0, sample.metric) }
            return (time, sample.metric)
        }
    }
}
}
