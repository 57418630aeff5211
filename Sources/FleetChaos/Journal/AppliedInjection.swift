import FleetModel
import Foundation

/// An injection that really ran, folded from its `applied` and `stopped` journal lines.
///
/// This is the ground truth that grading compares students' answers with.
public struct AppliedInjection: Sendable, Equatable {
    /// The instance it ran on.
    public var instance: String
    /// The scenario that ran.
    public var scenario: ScenarioAlias
    /// When it really started (wall clock, millisecond precision).
    public var start: Date
    /// When it really stopped; `nil` when the journal has no `stopped` line for it (the run
    /// was killed, or is still going).
    public var stop: Date?
    /// Its offset in the plan, when the journal recorded it.
    public var plannedOffset: Duration?
    /// The seed of the run it belongs to.
    public var seed: UInt64
    /// The `reason` of its `stopped` line.
    public var stopReason: String?

    /// Creates a record from its parts.
    public init(
        instance: String,
        scenario: ScenarioAlias,
        start: Date,
        stop: Date? = nil,
        plannedOffset: Duration? = nil,
        seed: UInt64,
        stopReason: String? = nil
    ) {
        self.instance = instance
        self.scenario = scenario
        self.start = start
        self.stop = stop
        self.plannedOffset = plannedOffset
        self.seed = seed
        self.stopReason = stopReason
    }
}
