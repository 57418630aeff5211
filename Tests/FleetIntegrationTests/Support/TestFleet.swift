import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real fleet for a multi-process test: the `fleet` binary run as a child process, in its own
/// temporary data folder, on ports no other test uses.
///
/// Every process it starts is ended by PID in `tearDown()` and every file it wrote is deleted.
final class TestFleet: @unchecked Sendable {
    let directory: String
    let dataDir: String
    let configPath: String
    let basePort: Int
    let instances: Int
    private(set) var supervisor: Process?
    private let logPath: String

    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, FleetIntegrationTests, Tests
        return url.path
    }()

    /// The `fleet` executable built by `swift build` (override with `FLEET_BINARY`).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["FLEET_BINARY"] { return path }
        for configuration in ["debug", "release"] {
            let path = repositoryRoot + "/.build/\(configuration)/fleet"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return repositoryRoot + "/.build/debug/fleet"
    }

    /// - Parameters:
    ///   - basePort: first instance port; give each test its own range.
    ///   - extraYAML: more configuration, appended to a small test fleet's file.
    ///   - traffic: the `traffic:` section; off unless given, so other tests see only their own requests.
    ///   - console: the `console:` section; off unless given, so tests never contend for its default port.
    ///   - node, scenarios, supervisor, prometheus: when given, the value of that section (a flow mapping,
    ///     `{ enabled: true, port: 9999 }`), replacing the small test fleet's own (a YAML key may
    ///     appear only once, so these cannot go into `extraYAML`).
    init(
        name: String, instances: Int = 3, basePort: Int, metricsPort: Int = 0, extraYAML: String = "",
        node: String? = nil, scenarios: String? = nil, supervisor: String? = nil, prometheus: String? = nil,
        traffic: String? = nil, console: String? = nil
    ) throws {
        directory = NSTemporaryDirectory() + "fleetsim-it-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        dataDir = directory + "/data"
        configPath = directory + "/fleet.yaml"
        logPath = directory + "/supervisor.log"
        self.basePort = basePort
        self.instances = instances
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scenariosSection = scenarios.map { "scenarios: \($0)" } ?? """
            scenarios:
              scenario1: { chunk_size: 1MB, interval: 200ms, max_chunks: 20 }
              scenario2: { chunk_size: 256KiB, interval: 100ms, free_space_reserve: 64MiB }
              scenario3: { client_rate: 20, min_delay: 1ms, max_delay: 5ms }
            """
        let yaml = """
            fleet: { name: itest, instances: \(instances), host: 127.0.0.1, base_port: \(basePort), data_dir: \(dataDir) }
            node: \(node ?? "{ memory: 512MiB, disk: 64MiB }")
            \(scenariosSection)
            supervisor: \(supervisor ?? "{ metrics_port: \(metricsPort) }")
            prometheus: \(prometheus ?? "{ enabled: false }")
            traffic: \(traffic ?? "{ enabled: false }")
            console: \(console ?? "{ port: 0 }")

            """ + extraYAML
        try yaml.write(toFile: configPath, atomically: false, encoding: .utf8)
    }

    /// The `prometheus:` section of an end-to-end fleet: required (a missing binary must fail
    /// `fleet up`, not skip Prometheus), 1 s scrape and evaluation, only the fast alert rules.
    static func fastPrometheusSection(port: Int) -> String {
        "{ enabled: true, port: \(port), scrape_interval: 1s, evaluation_interval: 1s, rule_files: [\"\(fastRules)\"], keep_data: false }"
    }

    /// The alert rules with 20–30 s windows that the end-to-end tests load.
    static var fastRules: String { repositoryRoot + "/lab/rules/fleet-alerts-fast.yml" }

    /// The options every CLI call needs to find this fleet.
    var fleetArguments: [String] { ["--config", configPath, "--data-dir", dataDir] }

    func port(_ ordinal: Int) -> Int { basePort + ordinal - 1 }

    func id(_ ordinal: Int) -> String { String(format: "svc-%02d", ordinal) }

    /// Starts `fleet up` and waits until `fleet status` shows every instance up.
    func up(extraArguments: [String] = [], timeout: Duration = .seconds(30)) async throws {
        let process = try launch(extraArguments: extraArguments)
        try await waitUntil(timeout: timeout, "every instance up") {
            guard process.isRunning else { throw FleetTestError("fleet up exited early:\n\(self.log)") }
            return (try? self.status())?.allSatisfy { $0.state == "up" } == true
        }
    }

    /// Starts `fleet up` and returns at once.
    @discardableResult
    func launch(extraArguments: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["up"] + fleetArguments + extraArguments
        try Data().write(to: URL(fileURLWithPath: logPath))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        supervisor = process
        return process
    }

    /// What the supervisor printed so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Runs `fleet <arguments> --config … --data-dir …` and returns its exit status and output.
    @discardableResult
    func cli(_ arguments: [String]) throws -> CommandResult {
        try CommandResult.run(Self.binary, arguments + fleetArguments)
    }

    /// `fleet status --json`, decoded.
    func status() throws -> [InstanceRow] {
        let result = try cli(["status", "--json"])
        guard result.status == 0 else { throw FleetTestError("status failed: \(result.stderr)") }
        struct Output: Decodable {
            var fleet: String
            var instances: [InstanceRow]
        }
        return try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8)).instances
    }

    /// PIDs of this fleet's instance processes, from /proc (not from the supervisor's word).
    func instanceProcessIDs() -> [pid_t] {
        ProcessTable.processes(whoseCommandLineContains: dataDir).filter { $0.arguments.contains("instance") }.map(\.pid)
    }

    /// Stops the supervisor (SIGTERM, then SIGKILL after 8 s), kills any process of this fleet
    /// left over (instances, the fleet's Prometheus: anything whose command line names the data
    /// folder), and deletes the temporary folder.
    func tearDown() {
        supervisor?.stop()
        for process in ProcessTable.processes(whoseCommandLineContains: dataDir) { kill(process.pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `GET url` on loopback; returns the status and body.
    static func http(_ method: String = "GET", _ url: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 5
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

/// One row of `fleet status --json`.
struct InstanceRow: Decodable, Equatable {
    var id: String
    var url: String
    var pid: Int32?
    var state: String
    var scenario: String?
    var restarts: Int
    var zone: String?
    var version: String?
}

/// A finished command.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String], input: String? = nil, timeout: TimeInterval = 30) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw FleetTestError("\(executable) \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
        }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

struct FleetTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes (then throws).
func waitUntil(timeout: Duration, _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw FleetTestError("timed out after \(timeout) waiting for \(what)")
}
