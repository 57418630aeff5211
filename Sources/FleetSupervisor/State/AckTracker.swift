import FleetModel

/// Commands sent to instances and still waiting for their acks.
///
/// One entry per fan-out: a request id (which every addressed instance's ack repeats), the
/// instances still to answer, the results so far, and a `Purpose` that says what to do with the
/// results (reply to a client, journal a chaos step, resume a waiting task). Time is passed in,
/// so timeouts are tested without waiting; the supervisor's tick calls ``expire(at:)``.
public struct AckTracker<Purpose: Sendable>: Sendable {
    /// How long an instance has to ack.
    public let timeout: Duration
    private var pending: [String: Pending] = [:]
    private var lastRequest: UInt64 = 0

    private struct Pending: Sendable {
        var origin: EventOrigin
        var instances: [String]
        var results: [String: InstanceResult]
        var sentAt: ContinuousClock.Instant
        var purpose: Purpose
    }

    /// A fan-out whose every instance answered or timed out.
    public struct Completion: Sendable {
        public var requestID: String
        public var origin: EventOrigin
        /// One result per addressed instance, in the order they were addressed.
        public var results: [InstanceResult]
        public var purpose: Purpose
    }

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Commands still waiting.
    public var count: Int { pending.count }

    /// Opens a fan-out to `instances`; those in `unavailable` get their result at once (they
    /// are not sent anything). Returns the request id to send, and the completion when nothing
    /// is left to wait for.
    public mutating func open(
        instances: [String], unavailable: [String: InstanceResult] = [:], origin: EventOrigin,
        purpose: Purpose, at now: ContinuousClock.Instant
    ) -> (requestID: String, completion: Completion?) {
        lastRequest += 1
        let requestID = "r\(lastRequest)"
        let entry = Pending(origin: origin, instances: instances, results: unavailable, sentAt: now, purpose: purpose)
        if entry.results.count >= instances.count {
            return (requestID, Self.complete(requestID, entry))
        }
        pending[requestID] = entry
        return (requestID, nil)
    }

    /// Who caused the command `requestID`, while it waits.
    public func origin(of requestID: String) -> EventOrigin? { pending[requestID]?.origin }

    /// What an ack did.
    public enum Acknowledgement: Sendable {
        /// Recorded; others are still waiting.
        case recorded(origin: EventOrigin)
        /// The last awaited ack: the fan-out is complete.
        case completed(Completion)
        /// No such command waits for this instance (it timed out, or never existed).
        case late
    }

    /// Records `instance`'s ack of `requestID`.
    public mutating func acknowledge(
        _ requestID: String, from instance: String, outcome: CommandOutcome, scenario: ScenarioAlias?,
        at now: ContinuousClock.Instant
    ) -> Acknowledgement {
        guard var entry = pending[requestID], entry.instances.contains(instance), entry.results[instance] == nil else {
            return .late
        }
        let latency = (now - entry.sentAt).fractionalMilliseconds
        entry.results[instance] = InstanceResult(
            instance: instance, outcome: outcome, scenario: scenario, latencyMs: (latency * 1000).rounded() / 1000)
        guard entry.results.count >= entry.instances.count else {
            pending[requestID] = entry
            return .recorded(origin: entry.origin)
        }
        pending[requestID] = nil
        return .completed(Self.complete(requestID, entry))
    }

    /// Completes every fan-out older than the timeout, its silent instances marked `timeout`
    /// with the scenario `lastKnown` gives for them.
    public mutating func expire(
        at now: ContinuousClock.Instant, lastKnown: (String) -> ScenarioAlias? = { _ in nil }
    ) -> [Completion] {
        let due = pending.filter { now - $0.value.sentAt >= timeout }.keys.sorted { Self.number($0) < Self.number($1) }
        return due.map { requestID in
            var entry = pending.removeValue(forKey: requestID)!
            for instance in entry.instances where entry.results[instance] == nil {
                entry.results[instance] = InstanceResult(instance: instance, outcome: .timeout, scenario: lastKnown(instance))
            }
            return Self.complete(requestID, entry)
        }
    }

    private static func complete(_ requestID: String, _ entry: Pending) -> Completion {
        Completion(
            requestID: requestID, origin: entry.origin,
            results: entry.instances.compactMap { entry.results[$0] }, purpose: entry.purpose)
    }

    private static func number(_ requestID: String) -> UInt64 { UInt64(requestID.dropFirst()) ?? 0 }
}
