import FleetModel
import Synchronization

/// Lets the control plane's loop thread take an instance's heartbeat without the supervisor
/// actor, when it is byte for byte the heartbeat that instance sent last time.
///
/// An idle instance answers every heartbeat with the same bytes until its scenario changes. 200
/// of them a second, each decoded twice by `JSONDecoder` and carried through the instance stream
/// to the actor, were most of an idle supervisor's CPU. The actor still handles every first
/// heartbeat, and every one that differs (a new scenario); for the rest the loop thread only
/// notes when it came, and the actor's next tick applies those notes in one batch, with the
/// same effect as the messages themselves.
final class HeartbeatShortcut: Sendable {
    /// One instance's last heartbeat seen by the actor, and the scenario it reported.
    private struct Known {
        var bytes: [UInt8]
        var scenario: ScenarioAlias?
    }

    /// A heartbeat the loop thread took: who, when, and the scenario its bytes report.
    struct Heard: Sendable, Equatable {
        var instance: String
        var at: ContinuousClock.Instant
        var scenario: ScenarioAlias?
    }

    private let state = Mutex<(known: [[UInt8]: Known], heard: [[UInt8]: Heard])>(([:], [:]))

    /// The actor handled `bytes` as a heartbeat of `instance` reporting `scenario`: the same
    /// bytes from it may now take the shortcut. What was taken before it is older news: dropped.
    func remember(_ bytes: [UInt8], from instance: String, scenario: ScenarioAlias?) {
        state.withLock { state in
            let routingID = Array(instance.utf8)
            state.known[routingID] = Known(bytes: bytes, scenario: scenario)
            state.heard[routingID] = nil
        }
    }

    /// The actor handled another message of `instance` (an ack, a state change): heartbeats
    /// taken before it are dropped, or the next tick would apply their older scenario over the
    /// newer one. (The message itself proved the instance alive, later than they did.)
    func discardTaken(from instance: String) {
        _ = state.withLock { $0.heard.removeValue(forKey: Array(instance.utf8)) }
    }

    /// `instance`'s process ended: its next process starts with the actor again.
    func forget(_ instance: String) {
        state.withLock { state in
            let routingID = Array(instance.utf8)
            state.known[routingID] = nil
            state.heard[routingID] = nil
        }
    }

    /// On the loop thread: takes `payload` from `routingID` if it is that instance's remembered
    /// heartbeat. False: the message goes to the actor as usual.
    func take(_ payload: [UInt8], from routingID: [UInt8], at now: ContinuousClock.Instant) -> Bool {
        state.withLock { state in
            guard let known = state.known[routingID], known.bytes == payload else { return false }
            state.heard[routingID] = Heard(
                instance: String(decoding: routingID, as: UTF8.self), at: now, scenario: known.scenario)
            return true
        }
    }

    /// For the actor: the heartbeats taken since the last call (the latest per instance).
    func drain() -> [Heard] {
        state.withLock { state in
            defer { state.heard.removeAll(keepingCapacity: true) }
            return Array(state.heard.values)
        }
    }
}
