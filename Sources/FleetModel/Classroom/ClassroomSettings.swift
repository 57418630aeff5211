/// `classroom:` — opening the fleet to a class: where it listens, who owns which instance, and
/// who may change scenarios over HTTP.
public struct ClassroomSettings: Sendable, Equatable {
    /// The address the class reaches (`0.0.0.0`, or the room's interface address), served in
    /// addition to `fleet.host`; `nil` keeps everything on `fleet.host`.
    public var listen: String?
    /// Who may start and stop scenarios over an instance's HTTP API.
    public var scenarioControl: ScenarioControlMode = .auto
    /// The students in order: the first owns `svc-01`, the second `svc-02`, …
    /// Filled from `students:` or from the lines of the `roster:` file.
    public var students: [String] = []
    /// The `roster:` file as written (relative to `fleet.yaml`), when the names came from one.
    public var rosterFile: String?

    public init() {}

    /// Whether `listen` opens the fleet beyond this machine (set and not a loopback address).
    public var listensBeyondLoopback: Bool {
        guard let listen else { return false }
        return !LoopbackHost.isLoopback(listen)
    }

    /// The mode in force, `auto` resolved against `listen` and the roster.
    public var effectiveScenarioControl: ScenarioControlMode {
        scenarioControl.effective(listensBeyondLoopback: listensBeyondLoopback, hasRoster: !students.isEmpty)
    }
}
