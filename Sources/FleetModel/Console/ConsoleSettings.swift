/// `console:` — the web console of the instructor and the students, served by `fleet up`.
public struct ConsoleSettings: Sendable, Equatable {
    /// The console's HTTP port, on `fleet.host` (and on `classroom.listen` when set); `0` turns
    /// the console off.
    public var port = 8080

    /// The defaults of `fleet.yaml`.
    public init() {}

    /// Whether `fleet up` serves the console.
    public var enabled: Bool { port != 0 }
}
