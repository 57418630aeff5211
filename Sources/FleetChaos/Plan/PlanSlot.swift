import FleetModel

/// One injection opportunity of a plan and what became of it (internal: the planner's trace).
///
/// The plan keeps only the injected slots; tests read the whole trace to check that skipping
/// never shifts the times of later slots.
struct PlanSlot: Sendable, Equatable {
    /// Why a slot produced no injection.
    enum SkipCause: String, Sendable, Equatable {
        /// Every scenario weight is zero (or missing).
        case noScenario = "no scenario has a positive weight"
        /// `maxConcurrent` injections were already running.
        case limitReached = "concurrency limit reached"
        /// Every eligible instance was already running an injection.
        case allBusy = "every eligible instance is busy"
        /// Every instance is excluded.
        case noEligibleInstance = "no instance is eligible"
        /// Even the shortest allowed hold would run past the end of the run.
        case tooCloseToEnd = "too close to the end of the run"
    }

    /// What a slot became.
    enum Outcome: Sendable, Equatable {
        case injected(Injection)
        case skipped(SkipCause)
    }

    /// When the slot came due, in milliseconds from the start of the run.
    var offsetMs: Int64
    /// The injection, or why there is none.
    var outcome: Outcome

    /// The injection this slot produced, if any.
    var injection: Injection? {
        if case .injected(let injection) = outcome { return injection }
        return nil
    }
}
