/// The answer to "may this request change a scenario on this instance?", with its HTTP form.
public enum ScenarioControlDecision: Sendable, Equatable {
    /// Go ahead.
    case allowed
    /// No token, or a token of nobody in the class: 401.
    case notAuthenticated
    /// A student's token on someone else's instance: 403.
    case notYourInstance
    /// Scenario changes over HTTP are off on this fleet: 403.
    case instructorOnly

    /// The HTTP status of a refusal (200 for ``allowed``).
    public var httpStatus: Int {
        switch self {
        case .allowed: return 200
        case .notAuthenticated: return 401
        case .notYourInstance, .instructorOnly: return 403
        }
    }

    /// The `detail` of the refusal's JSON body, FastAPI-style; `nil` for ``allowed``.
    public var detail: String? {
        switch self {
        case .allowed: return nil
        case .notAuthenticated: return "Not authenticated"
        case .notYourInstance: return "Not your instance"
        case .instructorOnly: return "Scenarios on this fleet are controlled by the instructor"
        }
    }

    /// Whether the refusal counts as a failed authentication attempt of its source (throttled
    /// after ten a minute): a missing or wrong token does, a fleet-wide ban on HTTP changes does not.
    public var isAuthenticationFailure: Bool {
        self == .notAuthenticated || self == .notYourInstance
    }
}
