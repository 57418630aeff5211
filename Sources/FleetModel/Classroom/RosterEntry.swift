/// One student of the roster and the instance they own.
public struct RosterEntry: Sendable, Equatable, Codable {
    /// The name as the roster spells it.
    public var name: String
    /// The instance the student owns (`svc-01` for the first name, …).
    public var instanceID: String

    /// An entry of the roster.
    public init(name: String, instanceID: String) {
        self.name = name
        self.instanceID = instanceID
    }
}

extension FleetConfig {
    /// The roster in order: the first student owns the first instance, and so on.
    public var classroomRoster: [RosterEntry] {
        zip(classroom.students, instanceIDs).map { RosterEntry(name: $0, instanceID: $1) }
    }

    /// The student who owns instance `id`, if any.
    public func owner(ofInstance id: String) -> String? {
        classroomRoster.first { $0.instanceID == id }?.name
    }
}
