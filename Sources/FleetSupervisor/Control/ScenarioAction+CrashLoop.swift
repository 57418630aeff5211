import FleetModel

extension ScenarioAction {
    /// Whether this action ends a crash loop (scenario7), which may be asked for while the
    /// instance is between two of its processes.
    var stopsCrashLoop: Bool {
        switch self {
        case .stop(.scenario7), .stopAll: return true
        case .start, .stop: return false
        }
    }
}
