import FleetClient
import Foundation
import FleetModel
import Synchronization

@testable import FleetConsole

/// A fleet for route tests: answers the control protocol's commands from an instance table of
/// its own, as the supervisor would, and records every command it was sent.
final class ScriptedFleet: ConsoleFleet {
    private struct State {
        var statuses: [InstanceStatus]
        var commands: [ControlCommand] = []
        var answering = true
        var trafficPaused = false
        var trafficEnabled = false
    }

    private let state: Mutex<State>

    init(instances: Int = 3) {
        state = Mutex(State(statuses: (1...instances).map { ordinal in
            InstanceStatus(
                id: String(format: "svc-%02d", ordinal), url: "http://127.0.0.1:\(8080 + ordinal)", pid: Int32(1000 + ordinal),
                state: .up, scenario: nil, restarts: 0, zone: "zone-a")
        }))
    }

    /// Every command received, in order.
    var commands: [ControlCommand] { state.withLock { $0.commands } }

    /// Whether the fleet has background traffic (false: traffic commands are refused, as by a
    /// fleet with `traffic.enabled: false`).
    func setTrafficEnabled(_ enabled: Bool) { state.withLock { $0.trafficEnabled = enabled } }

    /// Whether the fleet answers at all (false: as if the supervisor were gone).
    func setAnswering(_ answering: Bool) { state.withLock { $0.answering = answering } }

    func send(_ command: ControlCommand) async throws -> ControlReply.Body {
        try state.withLock { state in
            guard state.answering else {
                throw FleetClientError.notRunning(endpoint: .ipc(path: "/nonexistent/control.sock"), reason: "no socket")
            }
            state.commands.append(command)
            switch command {
            case .status:
                return .status(fleet: "test", instances: state.statuses)
            case .start(let alias, let selection):
                return .result(fleet: "test", results: Self.select(selection, in: &state.statuses) { status in
                    status.scenario = alias
                    return InstanceResult(instance: status.id, outcome: .started, scenario: alias)
                })
            case .stop(_, let selection):
                return .result(fleet: "test", results: Self.select(selection, in: &state.statuses) { status in
                    defer { status.scenario = nil }
                    return InstanceResult(instance: status.id, outcome: .stopped, scenario: status.scenario)
                })
            case .chaos(let seed, let durationMs):
                return .chaos(fleet: "test", summary: ChaosSummary(seed: seed ?? 7, injections: 2, durationMs: durationMs ?? 60_000, journal: "j"))
            case .chaosStop, .shutdown:
                return .done(fleet: "test")
            case .trafficPause, .trafficResume, .trafficStatus, .trafficSet:
                guard state.trafficEnabled else {
                    throw FleetClientError.refused(ControlErrorBody(code: "traffic_off", message: "this fleet has no background traffic"))
                }
                if command == .trafficPause { state.trafficPaused = true }
                if command == .trafficResume { state.trafficPaused = false }
                return .traffic(fleet: "test", status: TrafficStatus(
                    seed: 1, parameters: TrafficParameters(rate: 5, skew: 0.5, amplitude: 0.5, paused: state.trafficPaused),
                    periodMs: 600_000, phase: 0.25, timeOfDay: "06:00", targetRate: 5, generator: "up", instances: []))
            case .ping:
                return .pong(fleet: "test")
            }
        }
    }

    private static func select(
        _ selection: InstanceSelection, in statuses: inout [InstanceStatus], _ apply: (inout InstanceStatus) -> InstanceResult
    ) -> [InstanceResult] {
        var results: [InstanceResult] = []
        for index in statuses.indices {
            let chosen: Bool
            switch selection {
            case .all: chosen = true
            case .ids(let ids): chosen = ids.contains(statuses[index].id)
            case .random(let count): chosen = index < count
            }
            if chosen { results.append(apply(&statuses[index])) }
        }
        return results
    }
}

/// Sign-in from a fixed table of tokens.
struct FixedSignIn: ConsoleSignIn {
    var roles: [String: ConsoleRole]

    func role(forToken token: String) -> ConsoleRole? { roles[token] }
}
