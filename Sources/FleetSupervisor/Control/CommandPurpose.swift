import FleetChaos
import FleetModel

/// What the supervisor does with the results of a fan-out once every instance answered.
enum CommandPurpose: Sendable {
    /// Reply to the client that asked.
    case reply(envelope: [[UInt8]], requestID: String?)
    /// A chaos run's start of an injection: journal it as applied or skipped.
    case chaosApply(run: Int, Injection)
    /// A chaos run's stop of an injection: journal how it ended.
    case chaosEnd(run: Int, ChaosSchedule.Active, reason: String)
    /// Nobody waits (the stops of a fleet that shuts down).
    case none
}
