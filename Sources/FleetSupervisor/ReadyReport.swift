import FleetModel

/// What `fleet up` prints once the fleet is up: the instances, those that did not answer
/// health in time, and the chaos run started with the fleet, if one was asked for.
public struct ReadyReport: Sendable {
    public var statuses: [InstanceStatus]
    public var unhealthy: [String]
    public var chaos: Result<ChaosSummary, ChaosStartError>?
}

/// Why a chaos run could not start.
public struct ChaosStartError: Error, CustomStringConvertible {
    public var code: String
    public var description: String
}
