import FleetModel
import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The real Prometheus that `fleet up` runs: listening on the fleet's host, storage inside the
/// data folder and bounded by `prometheus.retention` / `retention_size`, the fleet's rules
/// loaded; stopped with the fleet, its storage kept or deleted as `prometheus.keep_data` says.
public struct PrometheusServer: Service {
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

    /// The address students open.
    public var url: String {
        let host = configuration.config.fleet.host
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(configuration.config.prometheus.port)"
    }

    public func run() async throws {
        try configuration.write(ruleFiles: ruleFiles)
        let settings = configuration.config
        let storage = PrometheusStoragePolicy(settings.prometheus)
        let arguments = [
            // `fleet guard` arms the parent-death signal, then becomes Prometheus: if the
            // supervisor is killed, Prometheus goes with it.
            "guard", "--parent-pid", String(getpid()), "--", binary,
            "--config.file=\(configuration.configPath)",
            "--storage.tsdb.path=\(configuration.storagePath)",
            "--web.listen-address=\(settings.fleet.host):\(settings.prometheus.port)",
            "--log.level=warn",
        ] + storage.retentionArguments
        let pid = try ChildProcess.spawn(executable: ChildProcess.currentExecutable, arguments: arguments)
        logger.info("prometheus started", metadata: ["pid": "\(pid)", "url": "\(url)"])
        defer { PrometheusDataFolder(directory: configuration.directory).clean(storage.cleanupOnStop) }
        // Wait for shutdown, or for Prometheus to die on its own (then the fleet goes on without it).
        let exited: ChildProcess.Termination? = await withGracefulShutdownHandler {
            while !Task.isCancelled {
                if let termination = ChildProcess.reap(pid) { return termination }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return nil
        } onGracefulShutdown: {
            ChildProcess.send(SIGTERM, to: pid)
        }
        guard let exited else {
            // Cancelled before Prometheus was reaped: make sure it is gone.
            await Self.stop(pid)
            return
        }
        if !Task.isShuttingDownGracefully {
            logger.error("prometheus exited: \(exited); the fleet goes on without it")
            try? await gracefulShutdown()
        }
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
