/// Who a bearer token says its holder is.
public enum ClassroomRole: Sendable, Equatable {
    /// The instructor: may change scenarios wherever HTTP changes are allowed at all.
    case instructor
    /// A student of the roster and the instance they own.
    case student(name: String, instanceID: String)
}
