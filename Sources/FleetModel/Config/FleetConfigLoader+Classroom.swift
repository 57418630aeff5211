import Foundation

/// Reading of the `classroom:` section (types only; names and addresses are validation's).
extension FleetConfigLoader {
    static func readClassroom(
        _ node: ConfigNode, into classroom: inout ClassroomSettings, map: ConfigSourceMap, baseDirectory: String
    ) throws {
        let section = try ConfigMapping(
            node, allowedKeys: ["listen", "scenario_control", "students", "roster"], map: map)
        // Null keeps everything on fleet.host, so `listen: ~` documents the default.
        try section.read("listen") { classroom.listen = $0.isNull ? nil : try $0.text() }
        try section.read("scenario_control") { value in
            let modes = ScenarioControlMode.allCases.map(\.rawValue)
            guard let text = value.scalarText, let mode = ScenarioControlMode(rawValue: text.lowercased()) else {
                throw value.mismatch(modes.joined(separator: ", "))
            }
            classroom.scenarioControl = mode
        }
        try section.read("students") { value in
            classroom.students = try value.list().enumerated().map { index, item in
                // A name that YAML reads as a mapping (`- Ada: x`) or null (`-`) is not a name;
                // an empty or blank one is refused by validation with the item's line.
                guard case .scalar(let scalar) = item.node else { throw item.mismatch("a student's name") }
                map.record("classroom.students[\(index)]", line: item.line, text: scalar.string)
                return scalar.string
            }
        }
        try section.read("roster") { value in
            if let students = section.value("students"), let listed = try? students.list(), !listed.isEmpty {
                throw value.error("expected either students or roster, found both; keep one list of names")
            }
            let file = try value.text()
            classroom.rosterFile = file
            classroom.students = try rosterNames(file, baseDirectory: baseDirectory, node: value, map: map)
        }
    }

    /// The names of a roster file: one per line, blank lines and `#` comments skipped.
    ///
    /// Each name's place is recorded as `classroom.students[i]` with the `roster:` key's line
    /// and a note of the file's own line, so validation errors point at both.
    private static func rosterNames(
        _ file: String, baseDirectory: String, node: ConfigNode, map: ConfigSourceMap
    ) throws -> [String] {
        let path = file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw node.error("expected a roster file (one name per line), found no file at \(path.quotedForMessage)")
        }
        guard !isDirectory.boolValue else {
            throw node.error("expected a roster file (one name per line), found a directory at \(path.quotedForMessage)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw node.error("expected a readable roster file, found \(path.quotedForMessage) cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw node.error("expected UTF-8 text in the roster file \(path.quotedForMessage), found invalid bytes")
        }
        var names: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let name = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty || name.hasPrefix("#") { continue }
            map.record("classroom.students[\(names.count)]", line: node.line, text: name)
            map.note("classroom.students[\(names.count)]", "\(file) line \(number + 1)")
            names.append(name)
        }
        return names
    }
}
