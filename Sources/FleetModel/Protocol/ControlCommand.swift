/// What a ``ControlRequest`` asks of the supervisor.
public enum ControlCommand: Sendable, Equatable {
    /// Liveness of the supervisor itself.
    case ping
    /// The fleet's instances and their states.
    case status
    /// Start a scenario on the selected instances.
    case start(ScenarioAlias, on: InstanceSelection)
    /// Stop a scenario (or whatever runs) on the selected instances.
    case stop(ScenarioTarget, on: InstanceSelection)
    /// Shut the fleet down, as Ctrl-C does.
    case shutdown
    /// Run a chaos plan in the supervisor: `seed` absent means the configured one, else a fresh
    /// one; `durationMs` absent means `chaos.duration`.
    case chaos(seed: UInt64?, durationMs: Int64?)
    /// Stop the running chaos plan and the scenarios it started.
    case chaosStop
    /// The background traffic: knobs, phase of the day, per-instance shares.
    case trafficStatus
    /// Change the background traffic's knobs (nil ones stay); `paused` here is always nil.
    case trafficSet(TrafficAdjustment)
    /// Stop the background traffic (instances keep only scrapes and students' requests).
    case trafficPause
    /// Send the background traffic again.
    case trafficResume

    /// The wire's `type` of each command.
    public enum Name: String, Codable, Sendable {
        case ping, status, start, stop, shutdown, chaos
        case chaosStop = "chaos_stop"
        case trafficStatus = "traffic_status"
        case trafficSet = "traffic_set"
        case trafficPause = "traffic_pause"
        case trafficResume = "traffic_resume"
    }

    /// The `type` this command travels as.
    public var name: Name {
        switch self {
        case .ping: return .ping
        case .status: return .status
        case .start: return .start
        case .stop: return .stop
        case .shutdown: return .shutdown
        case .chaos: return .chaos
        case .chaosStop: return .chaosStop
        case .trafficStatus: return .trafficStatus
        case .trafficSet: return .trafficSet
        case .trafficPause: return .trafficPause
        case .trafficResume: return .trafficResume
        }
    }

    /// A request that is valid JSON but asks for something that does not exist; answered with
    /// its own error code rather than `malformed`.
    struct Refusal: Error {
        var code: String
        var message: String
    }

    init(_ wire: ControlRequest.Wire) throws {
        switch wire.type {
        case .ping: self = .ping
        case .status: self = .status
        case .shutdown: self = .shutdown
        case .chaosStop: self = .chaosStop
        case .chaos: self = .chaos(seed: wire.seed, durationMs: wire.durationMs)
        case .trafficStatus: self = .trafficStatus
        case .trafficPause: self = .trafficPause
        case .trafficResume: self = .trafficResume
        case .trafficSet:
            guard wire.rate != nil || wire.skew != nil || wire.amplitude != nil else {
                throw Refusal(code: "missing_value", message: "traffic_set needs at least one of rate, skew, amplitude")
            }
            self = .trafficSet(TrafficAdjustment(rate: wire.rate, skew: wire.skew, amplitude: wire.amplitude))
        case .start:
            self = .start(try Self.alias(wire.scenario, allowingAll: false), on: wire.instances ?? .all)
        case .stop:
            let target: ScenarioTarget = wire.scenario == ScenarioTarget.allName
                ? .all : .scenario(try Self.alias(wire.scenario, allowingAll: true))
            self = .stop(target, on: wire.instances ?? .all)
        }
    }

    private static func alias(_ name: String?, allowingAll: Bool) throws(Refusal) -> ScenarioAlias {
        guard let name else { throw Refusal(code: "missing_scenario", message: "a scenario is required") }
        guard let alias = ScenarioAlias(rawValue: name) else {
            throw Refusal(
                code: "unknown_scenario",
                message: "unknown scenario '\(name)'; expected one of \(ScenarioAlias.allCases.map(\.rawValue).joined(separator: ", "))"
                    + (allowingAll ? " or \(ScenarioTarget.allName)" : ""))
        }
        return alias
    }
}

/// What a stop addresses: one scenario, or whatever runs.
public enum ScenarioTarget: Sendable, Equatable {
    case scenario(ScenarioAlias)
    case all

    /// The word that means "whatever runs" on the wire and on the command line.
    public static let allName = "all"

    /// An alias, or `all`; nil for anything else.
    public init?(_ text: String) {
        if text == Self.allName {
            self = .all
        } else if let alias = ScenarioAlias(rawValue: text) {
            self = .scenario(alias)
        } else {
            return nil
        }
    }

    /// As on the wire: the alias, or `all`.
    public var wireName: String {
        switch self {
        case .scenario(let alias): return alias.rawValue
        case .all: return Self.allName
        }
    }
}
