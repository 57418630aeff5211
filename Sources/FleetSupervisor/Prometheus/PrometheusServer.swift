import FleetModel
import Foundation
import FleetProcess
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The real Prometheus that `fleet up` runs: listening on the fleet's host, storage inside the
/// data folder and bounded by `prometheus.retention` / `retention_size`, the fleet's rules
/// loaded; stopped with the fleet, its storage kept or deleted as `prometheus.keep_data` says.
///
/// Run by the supervisor, which spawns it from its long-lived spawner thread as it spawns
/// instances: the parent-death signal fires when the spawning *thread* exits, so a pool
/// thread would take Prometheus down at a random moment.
public struct PrometheusServer: Sendable {
    public let configuration: PrometheusConfiguration
    public let binary: String
    public let ruleFiles: [String]
    let logger: Logger

    /// Why Prometheus cannot run.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Finds the binary for `mode`: nil when `auto` and absent; an error when `true` and absent.
    public static func locateBinary(mode: PrometheusMode) throws -> String? {
        guard mode != .disabled else { return nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/prometheus"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        if mode == .enabled {
            throw Unavailable(description: """
                prometheus.enabled is true but no `prometheus` binary is on PATH; install it with \
                `sudo apt-get install prometheus` (or scripts/install-deps.sh), or set prometheus.enabled: auto
                """)
        }
        return nil
    }

    public init(configuration: PrometheusConfiguration, binary: String, ruleFiles: [String], logger: Logger) {
        self.configuration = configuration
        self.binary = binary
        self.ruleFiles = ruleFiles
        self.logger = logger
    }

    /// Where the fleet itself reaches Prometheus (loopback unless it listens only on `classroom.listen`).
    public var url: String {
        let host = configuration.config.prometheusClientHost
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(configuration.config.prometheus.port)"
    }

    /// Runs Prometheus until `shouldStop` says so, then stops it. If Prometheus dies on its own
    /// the fleet goes on without it.
    public func run(spawner: DedicatedThread, until shouldStop: @escaping @Sendable () -> Bool) async {
        let storage = PrometheusStoragePolicy(configuration.config.prometheus)
        defer { PrometheusDataFolder(directory: configuration.directory).clean(storage.cleanupOnStop) }
        let pid: pid_t
        do {
            try configuration.write(ruleFiles: ruleFiles)
            let arguments = guardedArguments() + storage.retentionArguments
            pid = try await spawner.run { try ChildProcess.spawn(executable: ChildProcess.currentExecutable, arguments: arguments) }
        } catch {
            logger.error("prometheus could not start: \(error); the fleet goes on without it")
            return
        }
        logger.info("prometheus started", metadata: ["pid": "\(pid)", "url": "\(url)"])
        while !shouldStop() {
            if let exited = ChildProcess.reap(pid) {
                logger.error("prometheus exited: \(exited); the fleet goes on without it")
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        await Self.stop(pid)
    }

    /// `fleet guard` arms the parent-death signal, then becomes Prometheus: if the supervisor
    /// is killed, Prometheus goes with it.
    ///
    /// Never `--web.enable-admin-api` nor `--web.enable-lifecycle`: with `classroom.listen` the
    /// class reaches this Prometheus, and may query it but not delete its data or stop it.
    func guardedArguments() -> [String] {
        let settings = configuration.config
        let host = settings.prometheusListenHost
        return [
            "guard", "--parent-pid", String(getpid()), "--", binary,
            "--config.file=\(configuration.configPath)",
            "--storage.tsdb.path=\(configuration.storagePath)",
            "--web.listen-address=\(host.contains(":") ? "[\(host)]" : host):\(settings.prometheus.port)",
            "--log.level=warn",
        ]
    }

    /// SIGTERM, up to 3 s, then SIGKILL; always reaped.
    private static func stop(_ pid: pid_t) async {
        ChildProcess.send(SIGTERM, to: pid)
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline {
            if ChildProcess.reap(pid) != nil { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
        ChildProcess.send(SIGKILL, to: pid)
        while ChildProcess.reap(pid) == nil { try? await Task.sleep(for: .milliseconds(10)) }
    }
}
