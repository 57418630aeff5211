import FleetModel

/// A scenario started or stopped; reported to the supervisor so its view stays true.
public struct ScenarioChange: Sendable, Equatable {
    public var alias: ScenarioAlias
    public var running: Bool
    public var origin: EventOrigin

    public init(alias: ScenarioAlias, running: Bool, origin: EventOrigin) {
        self.alias = alias
        self.running = running
        self.origin = origin
    }
}
