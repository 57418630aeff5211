/// `scenarios.scenario7:` — the instance process exits with status 1 every `interval`.
public struct CrashLoopSettings: Sendable, Equatable {
    /// Time from the (re)start of the scenario in a process to that process's exit.
    public var interval: Duration = .seconds(20)

    public init() {}

    /// The shortest allowed interval: an instance needs about a second to come up, and a faster
    /// loop would only keep the supervisor spawning.
    public static let minimumInterval: Duration = .seconds(1)
}
