/// Who a signed-in browser is: what the console shows it and lets it do.
public enum ConsoleRole: Sendable, Equatable {
    /// The instructor: every instance, chaos, traffic, the answer key.
    case instructor
    /// A student of the roster and the instance they own.
    case student(name: String, instanceID: String)

    /// The instance a student owns; nil for the instructor.
    public var ownInstance: String? {
        if case .student(_, let id) = self { return id }
        return nil
    }

    /// The name shown on the page.
    public var displayName: String {
        switch self {
        case .instructor: return "instructor"
        case .student(let name, _): return name
        }
    }
}
