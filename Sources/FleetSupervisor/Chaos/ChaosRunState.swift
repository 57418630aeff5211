import FleetChaos

/// One chaos run as the supervisor holds it: its schedule, its journal, when it began, and
/// the clients waiting for it to end (`chaos_stop`).
struct ChaosRunState: Sendable {
    var schedule: ChaosSchedule
    let journal: ChaosJournal
    let startedAt: ContinuousClock.Instant
    var waitingReplies: [(envelope: [[UInt8]], requestID: String?)] = []
}
