import ArgumentParser
import FleetInstance
import FleetModel
import FleetProcess
import Foundation
import Logging
import ServiceLifecycle

/// `fleet instance`: one instance of the workshop service, in the foreground.
struct InstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance",
        abstract: "Run one instance of the workshop service in the foreground.",
        discussion: """
            With no supervisor it behaves like the original single service: the same HTTP API, \
            the same three scenarios with real effects (and scenario4-8: latency, errors, cpu, \
            crash loop, fd leak), and its own /metrics. `fleet up` spawns \
            exactly this command for every instance. Its files live in <data-dir>/<id>; they \
            are removed when a scenario stops, at shutdown, and at the next start after a crash.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("The instance id, the `instance` label students see (e.g. svc-01).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The HTTP port on the fleet's host.", valueName: "port"))
    var port: Int

    @Option(help: ArgumentHelp("The supervisor's ZeroMQ endpoint for instances (set by `fleet up`).", valueName: "endpoint"))
    var supervisor: String?

    @Option(
        name: .customLong("supervisor-pid"),
        help: ArgumentHelp("Exit when this process is no longer the parent (set by `fleet up`).", valueName: "pid"))
    var supervisorPID: Int32?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be in 1...65535, got \(port)") }
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("--id must be letters, digits, '-' or '_', got '\(id)'")
        }
        _ = try supervisorEndpoint(allowingRemote: true)
    }

    /// `--supervisor`, checked as the configuration checks endpoints (beyond loopback only
    /// with CURVE, which `run` knows once the configuration is loaded).
    private func supervisorEndpoint(allowingRemote: Bool) throws -> ControlEndpointAddress? {
        guard let supervisor else { return nil }
        switch ControlEndpointAddress.parse(supervisor, allowingRemote: allowingRemote) {
        case .success(let address): return address
        case .failure(let invalid): throw ValidationError("--supervisor: \(invalid.message)")
        }
    }

    func run() async throws {
        if let supervisorPID, !ParentDeath.arm(expectedParent: supervisorPID) {
            // The supervisor died before we armed the signal: never run as an orphan.
            throw ExitCode(1)
        }
        let config = try fleet.loadConfig()
        let logger = CLILogging.logger(label: "fleet.instance.\(id)")
        let identity = InstanceIdentity(
            id: id, host: config.fleet.host, port: port,
            dataDirectory: config.dataDirectory(ofInstance: id), listenHosts: config.listenHosts)
        let runtime = InstanceRuntime(identity: identity, config: config)
        var services: [any Service] = []
        if let supervisor = try supervisorEndpoint(allowingRemote: config.supervisor.control.curve) {
            services.append(
                SupervisorLink(
                    runtime: runtime, endpoint: supervisor, supervisorPID: supervisorPID,
                    settings: config.supervisor, curve: try config.curveClientKeys(), logger: logger))
        }
        try await InstanceServer(runtime: runtime).run(logger: logger, services: services)
    }
}
