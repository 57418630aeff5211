import Foundation
import Testing

import FleetModel

/// The `classroom:` section: its values, and every bad input with its key and line.
@Suite("Classroom configuration")
struct ClassroomConfigTests {
    @Test func defaultsKeepTheFleetOnLoopbackAndOpen() throws {
        let config = try parseConfig("")
        #expect(config.classroom == ClassroomSettings())
        #expect(config.classroom.listen == nil)
        #expect(config.classroom.scenarioControl == .auto)
        #expect(config.classroom.effectiveScenarioControl == .open)
        #expect(config.classroomRoster.isEmpty)
    }

    @Test func studentsOwnInstancesInOrder() throws {
        let config = try parseConfig("""
            classroom:
              listen: 0.0.0.0
              scenario_control: owner
              students: [Ada, Grace]
            """)
        #expect(config.classroom.listen == "0.0.0.0")
        #expect(config.classroom.scenarioControl == .owner)
        #expect(config.classroomRoster == [
            RosterEntry(name: "Ada", instanceID: "svc-01"), RosterEntry(name: "Grace", instanceID: "svc-02"),
        ])
        #expect(config.owner(ofInstance: "svc-02") == "Grace")
        #expect(config.owner(ofInstance: "svc-03") == nil)
    }

    @Test func rosterFileRelativeToTheConfiguration() throws {
        let folder = NSTemporaryDirectory() + "fleetsim-roster-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# class of Monday\nAda Lovelace\n\n  Grace Hopper  \n".write(
            toFile: folder + "/students.txt", atomically: true, encoding: .utf8)
        try "classroom:\n  roster: students.txt\n".write(toFile: folder + "/fleet.yaml", atomically: true, encoding: .utf8)
        let config = try FleetConfigLoader.load(path: folder + "/fleet.yaml")
        #expect(config.classroom.students == ["Ada Lovelace", "Grace Hopper"])
        #expect(config.classroom.rosterFile == "students.txt")

        try "Ada\nGrace\nAda\n".write(toFile: folder + "/students.txt", atomically: true, encoding: .utf8)
        let duplicate = try #require(loadError(folder + "/fleet.yaml"))
        #expect(duplicate.key == "classroom.roster")
        #expect(duplicate.line == 2)
        #expect(duplicate.message.contains("students.txt line 3"), "\(duplicate)")
    }

    @Test func unreadableRosterFile() throws {
        let error = try #require(configError("""
            classroom:
              roster: /nonexistent/students.txt
            """))
        #expect(error.key == "classroom.roster")
        #expect(error.line == 2)
        #expect(error.message.contains("no file"))
    }

    @Test(arguments: [
        ErrorCase("classroom:\n  scenario_control: students\n", key: "classroom.scenario_control", line: 2,
                  #"expected open, owner, instructor, auto, found "students""#),
        ErrorCase("classroom:\n  listen: 192.0.2.77\n", key: "classroom.listen", line: 2,
                  #"expected an address of this machine (0.0.0.0 for all of them), found "192.0.2.77""#),
        ErrorCase("classroom:\n  listen: the-room\n", key: "classroom.listen", line: 2, "expected an IP address"),
        ErrorCase("classroom:\n  students:\n    - Ada\n    - \"\"\n", key: "classroom.students", line: 4,
                  "expected a student's name, found an empty one at position 2"),
        ErrorCase("classroom:\n  students:\n    - Ada\n    - Grace\n    - Ada\n", key: "classroom.students", line: 5,
                  #"expected each name once, found "Ada" at positions 1 and 3"#),
        ErrorCase("fleet:\n  instances: 2\nclassroom:\n  students: [Ada, Grace, Linus]\n", key: "classroom.students",
                  line: 4, "expected at most one student per instance, found 3 students for 2 instances"),
        ErrorCase("classroom:\n  students: [Ada]\n  roster: students.txt\n", key: "classroom.roster", line: 3,
                  "expected either students or roster, found both"),
        ErrorCase("classroom:\n  lisen: 0.0.0.0\n", key: "classroom.lisen", line: 2, #"(did you mean "listen"?)"#),
    ])
    func badInput(_ test: ErrorCase) throws {
        let error = try #require(configError(test.yaml))
        #expect(error.key == test.key)
        #expect(error.line == test.line)
        #expect(error.message.contains(test.message), "\(error)")
    }

    @Test func loopbackAndWildcardListenAreAccepted() throws {
        for address in ["127.0.0.1", "0.0.0.0", "::", "::1"] {
            #expect(try parseConfig("classroom:\n  listen: \"\(address)\"\n").classroom.listen == address)
        }
    }

    @Test func statusRowsCarryTheOwnerOnlyWhenThereIsOne() throws {
        var config = FleetConfig()
        config.classroom.students = ["Ada"]
        let rows = config.labelled([
            InstanceStatus(id: "svc-01", url: "http://127.0.0.1:8081", pid: 1, state: .up, scenario: nil, restarts: 0),
            InstanceStatus(id: "svc-02", url: "http://127.0.0.1:8082", pid: 2, state: .up, scenario: nil, restarts: 0),
        ])
        #expect(rows.map(\.owner) == ["Ada", nil])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let first = String(decoding: try encoder.encode(rows[0]), as: UTF8.self)
        let second = String(decoding: try encoder.encode(rows[1]), as: UTF8.self)
        #expect(first.contains(#""owner":"Ada""#))
        #expect(!second.contains("owner"))
    }

    func loadError(_ path: String) -> ConfigError? {
        do {
            _ = try FleetConfigLoader.load(path: path)
        } catch let error as ConfigError {
            return error
        } catch {}
        return nil
    }
}
