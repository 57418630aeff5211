/// `classroom.scenario_control:` — who may start and stop scenarios over an instance's HTTP API.
///
/// The fleet CLI, the control protocol and the instructor's console are never limited by it:
/// it governs only `POST /scenario/...` on the instances, the one door a class can reach.
public enum ScenarioControlMode: String, Sendable, Codable, CaseIterable {
    /// Anyone who reaches the instance (the original service's behaviour).
    case open
    /// The student the instance belongs to, or the instructor, each with their bearer token.
    case owner
    /// Nobody over HTTP: only the fleet CLI, the control protocol and the instructor's console.
    case instructor
    /// `open` while the fleet listens on loopback only; `owner` with a roster; `instructor` otherwise.
    case auto

    /// The mode in force: `auto` resolved, any other mode as it is.
    ///
    /// - Parameters:
    ///   - listensBeyondLoopback: whether `classroom.listen` opens the fleet to other machines.
    ///   - hasRoster: whether the class has students (so each instance can have an owner).
    public func effective(listensBeyondLoopback: Bool, hasRoster: Bool) -> ScenarioControlMode {
        guard self == .auto else { return self }
        if !listensBeyondLoopback { return .open }
        return hasRoster ? .owner : .instructor
    }
}
