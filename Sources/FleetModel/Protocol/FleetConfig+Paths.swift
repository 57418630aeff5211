import Foundation

/// Every file and socket of a fleet, named in one place: the supervisor creates them, the CLI
/// finds them, and both must agree.
extension FleetConfig {
    /// The command endpoint: configured, else `ipc://<data_dir>/control.sock`.
    public var commandEndpoint: ControlEndpointAddress { endpoint(supervisor.control.command, default: "control.sock") }
    /// The event endpoint: configured, else `ipc://<data_dir>/events.sock`.
    public var eventsEndpoint: ControlEndpointAddress { endpoint(supervisor.control.events, default: "events.sock") }
    /// The instance link endpoint: configured, else `ipc://<data_dir>/instances.sock`.
    public var instancesEndpoint: ControlEndpointAddress { endpoint(supervisor.control.instances, default: "instances.sock") }

    /// The supervisor's lock on the data folder; it exists exactly while a supervisor runs.
    public var supervisorLockPath: String { inDataDirectory("supervisor.lock") }
    /// The chaos answer key, appended to by every chaos run of this fleet (instructor only).
    public var chaosJournalPath: String { inDataDirectory("chaos-journal.jsonl") }
    /// The classroom's bearer tokens (mode 0600): kept by `fleet down`, so a class keeps its
    /// handout for the day; `fleet roster --reset-tokens` replaces them.
    public var classroomTokensPath: String { inDataDirectory("classroom-tokens.json") }
    /// The CURVE keys of the control plane (`supervisor.control.curve`): the supervisor's key
    /// pair, the fleet's client key pair and the authorised client keys, each mode 0600.
    public var curveKeysDirectory: String { inDataDirectory("curve") }
    /// The students' answers given in the web console, one folder per chaos round, one answer
    /// sheet per student (`fleet chaos grade` reads them); kept by `fleet down`.
    public var consoleAnswersDirectory: String { inDataDirectory("console-answers") }
    /// The generated Prometheus configuration and its storage.
    public var prometheusDirectory: String { inDataDirectory("prometheus") }

    /// The instance's data folder, `<data_dir>/<id>`.
    public func dataDirectory(ofInstance id: String) -> String {
        inDataDirectory(id)
    }

    private func inDataDirectory(_ name: String) -> String {
        (fleet.dataDir as NSString).appendingPathComponent(name)
    }

    /// ipc sockets inside the data folder: two fleets with different folders never collide, and
    /// nothing listens on the network.
    private func endpoint(_ configured: String?, default name: String) -> ControlEndpointAddress {
        guard let configured else { return .ipc(path: inDataDirectory(name)) }
        switch ControlEndpointAddress.parse(configured, allowingRemote: supervisor.control.curve) {
        case .success(let address): return address
        case .failure(let invalid):
            // The loader and `validate(source:)` refuse such a value with its key and line.
            preconditionFailure("an unvalidated control endpoint: \(invalid.message)")
        }
    }
}
