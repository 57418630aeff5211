import Foundation
import FleetTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The instructor's runbook works as written: every command of a `sh runbook` block of
/// `docs/instructor.md` is run in order by `/bin/sh`, in a scratch folder that holds a copy of
/// `lab/` and a `fleet.yaml` for a small fleet (4 instances, the template sheet names svc-04,
/// with data in `.fleet` as the default), with the built `fleet` first on `PATH`. Each must exit
/// 0; `fleet up …` is started in the background and must print its ready line. The only
/// rewrite is the ports: the document's defaults (127.0.0.1:9090, :9100, :8081…) become the
/// test's, so the test never collides with a fleet someone runs on the defaults.
///
/// Needs `prometheus` (the runbook queries it) and `curl`; under CI (`CI` set) a missing one
/// fails instead of skipping.
extension MultiProcessTests {
@Suite(.serialized)
struct RunbookTests {
    static let runsHere = ExternalRequirement.shouldRun(["prometheus", "curl"].allSatisfy { ExternalRequirement.executable(named: $0) != nil })

    // Ports no other test uses.
    static let basePort = 24281
    static let supervisorMetricsPort = 24300
    static let prometheusPort = 24390
    static let instances = 4

    static let runbookPath = TestFleet.repositoryRoot + "/docs/instructor.md"

    /// The runbook must keep covering a whole class session; a command dropped from the
    /// document (or a fence that lost its `sh runbook`) fails here rather than going untested.
    @Test func runbookCoversAWholeSession() throws {
        let commands = Runbook(markdown: try String(contentsOfFile: Self.runbookPath, encoding: .utf8)).commands.map(\.text)
        for required in [
            "fleet validate", "fleet up", "fleet status", "curl ", "fleet chaos plan", "fleet chaos run", "fleet up --chaos",
            "fleet chaos stop", "fleet chaos reveal", "fleet chaos grade answers/", "--format csv", "fleet down", "fleet down --purge",
        ] {
            #expect(commands.contains { $0.contains(required) }, "the runbook has no command with \(required)")
        }
    }

    @Test(.enabled(if: runsHere, "needs prometheus and curl on PATH"))
    func everyRunbookCommandSucceeds() async throws {
        let runbook = Runbook(markdown: try String(contentsOfFile: Self.runbookPath, encoding: .utf8))
        let scratch = NSTemporaryDirectory() + "fleetsim-runbook-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        var background: [Process] = []
        defer {
            // Every process this test started, by PID, then anything of this folder left over.
            for process in background { process.stop() }
            for process in ProcessTable.processes(whoseCommandLineContains: scratch) { kill(process.pid, SIGKILL) }
            try? FileManager.default.removeItem(atPath: scratch)
        }
        try FileManager.default.copyItem(atPath: TestFleet.repositoryRoot + "/lab", toPath: scratch + "/lab")
        try Self.fleetYAML.write(toFile: scratch + "/fleet.yaml", atomically: false, encoding: .utf8)
        let binaries = (TestFleet.binary as NSString).deletingLastPathComponent
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")

        for command in runbook.commands {
            let text = Self.onTestPorts(command.text)
            let place = "docs/instructor.md:\(command.line): \(command.text)"
            if command.startsTheFleet {
                let log = scratch + "/fleet-up-\(command.line).log"
                // `exec`: the PID the test ends is the supervisor's, not a shell's around it.
                let process = try Self.shell("exec " + text, in: scratch, environment: environment, output: log)
                background.append(process)
                try await waitUntil(timeout: .seconds(60), "\(place) to be ready") {
                    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    guard process.isRunning else { throw FleetTestError("\(place) exited early:\n\(output)") }
                    return output.contains("Ctrl-C stops the fleet.")
                }
                continue
            }
            let log = scratch + "/command-\(command.line).log"
            let process = try Self.shell(text, in: scratch, environment: environment, output: log)
            try await waitUntil(timeout: .seconds(60), "\(place) to finish") { !process.isRunning }
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(place) exited \(process.terminationStatus):\n\(output)")
            if process.terminationStatus != 0 { return }
            if command.text.hasPrefix("fleet down") {
                // The supervisor in the background ends with `fleet down`.
                for up in background {
                    try await waitUntil(timeout: .seconds(15), "\(place) to stop fleet up") { !up.isRunning }
                }
            }
        }
        // Nothing is left running; `fleet down --purge` and the last `rm` left the folder as it began.
        #expect(ProcessTable.processes(whoseCommandLineContains: scratch).isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch).filter { !$0.hasSuffix(".log") }.sorted()
        #expect(left == ["fleet.yaml", "lab"], "left in the scratch folder: \(left)")
    }

    /// `command` with the document's default ports replaced by the test's.
    static func onTestPorts(_ command: String) -> String {
        var text = command
        text = text.replacingOccurrences(of: "127.0.0.1:9090", with: "127.0.0.1:\(prometheusPort)")
        text = text.replacingOccurrences(of: "127.0.0.1:9100", with: "127.0.0.1:\(supervisorMetricsPort)")
        for ordinal in 1...instances {
            text = text.replacingOccurrences(of: "127.0.0.1:\(8080 + ordinal)", with: "127.0.0.1:\(basePort + ordinal - 1)")
        }
        return text
    }

    /// `/bin/sh -c command` in `folder`, output (both streams) to the file `output`.
    static func shell(_ command: String, in folder: String, environment: [String: String], output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A small fleet like the default one: data in `.fleet`, the lab's alert rules, Prometheus
    /// required, scenario caps small enough for a shared test machine.
    static let fleetYAML = """
        fleet: { name: runbook, instances: \(instances), host: 127.0.0.1, base_port: \(basePort), data_dir: .fleet }
        node: { memory: 512MiB, disk: 64MiB }
        scenarios:
          scenario1: { chunk_size: 1MB, interval: 200ms, max_chunks: 20 }
          scenario2: { chunk_size: 256KiB, interval: 100ms, free_space_reserve: 64MiB }
          scenario3: { client_rate: 20, min_delay: 1ms, max_delay: 5ms }
        supervisor: { metrics_port: \(supervisorMetricsPort) }
        console: { port: 0 }
        prometheus: { enabled: true, port: \(prometheusPort), scrape_interval: 1s, rule_files: [lab/rules/fleet-alerts.yml], retention_size: 128MiB }

        """
}
}
