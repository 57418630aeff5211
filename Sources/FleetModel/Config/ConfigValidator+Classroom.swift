/// The checks of `classroom:`.
extension ConfigValidator {
    func validateClassroom() throws {
        let classroom = config.classroom
        if let listen = classroom.listen {
            try expect(
                LocalAddresses.isAddressLiteral(listen) || listen.lowercased() == "localhost", "classroom.listen",
                "an IP address like \"0.0.0.0\" or this machine's address in the room", found: listen.quotedForMessage)
            try expect(
                LocalAddresses.isBindable(listen), "classroom.listen",
                "an address of this machine (0.0.0.0 for all of them)", found: listen.quotedForMessage,
                why: "no interface has it, so nothing could listen there")
        }
        var seen: [String: Int] = [:]
        for (index, name) in classroom.students.enumerated() {
            let place = "classroom.students[\(index)]"
            let key = map.contains("classroom.roster") ? "classroom.roster" : "classroom.students"
            let origin = map.origin(of: place).map { " (\($0))" } ?? ""
            if name.trimmingWhitespace().isEmpty {
                throw map.error(key, at: place, "expected a student's name, found an empty one at position \(index + 1)\(origin)")
            }
            if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw map.error(key, at: place,
                    "expected a name without control characters, found \(name.quotedForMessage)\(origin)")
            }
            if let earlier = seen[name] {
                throw map.error(key, at: place,
                    "expected each name once, found \(name.quotedForMessage) at positions \(earlier + 1) and \(index + 1)\(origin); "
                    + "tell them apart (\"\(name) B.\")")
            }
            seen[name] = index
        }
        if classroom.students.count > config.fleet.instances {
            let key = map.blame(map.contains("classroom.roster") ? "classroom.roster" : "classroom.students", "fleet.instances")
            throw map.error(key,
                "expected at most one student per instance, found \(classroom.students.count) students "
                + "for \(config.fleet.instances) instances; raise fleet.instances to \(classroom.students.count)")
        }
    }
}
