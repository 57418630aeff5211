import FleetModel

/// Who a signed-in browser is: the classroom's roles (issue 14's `ClassroomRole`).
public typealias ConsoleRole = ClassroomRole

extension ClassroomRole {
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
