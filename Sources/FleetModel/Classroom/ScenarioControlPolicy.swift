/// Who may change scenarios on an instance over HTTP: a pure decision, tested for every role × mode.
public enum ScenarioControlPolicy {
    /// The decision for a request on instance `instanceID` by the holder of `role` (`nil`: no
    /// token, or a token of nobody in the class) under `mode`.
    ///
    /// `mode` should be the effective one (``ClassroomSettings/effectiveScenarioControl``); an
    /// unresolved `auto` is treated as `instructor`, the safe side.
    public static func decide(mode: ScenarioControlMode, role: ClassroomRole?, instanceID: String) -> ScenarioControlDecision {
        switch mode {
        case .open:
            return .allowed
        case .instructor, .auto:
            return .instructorOnly
        case .owner:
            switch role {
            case nil: return .notAuthenticated
            case .instructor: return .allowed
            case .student(_, let owned): return owned == instanceID ? .allowed : .notYourInstance
            }
        }
    }
}
