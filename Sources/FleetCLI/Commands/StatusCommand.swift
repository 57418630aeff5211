import ArgumentParser
import FleetClient
import FleetModel
import Foundation

/// `fleet status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every instance of the running fleet.",
        discussion: """
            With --json prints {"fleet": name, "instances": [{"id", "url", "pid", "state", \\
            "scenario", "restarts", "zone", "version", "owner"}]} where state is up, starting or down and scenario is null \\
            or the running alias; owner (the student of classroom.students who owns the instance) \
            is left out when the instance has none.
            """)

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        guard case .status(let name, let instances) = try fleet.send(.status) else {
            throw CLIErrors.Failure(message: "the supervisor did not answer with a status")
        }
        if json {
            struct Output: Encodable {
                var fleet: String
                var instances: [InstanceStatus]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Output(fleet: name, instances: instances))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        // The OWNER column only for a class: a fleet without a roster keeps its familiar table.
        let owners = instances.contains { $0.owner != nil }
        var table = TextTable(
            header: ["ID", "STATE", "SCENARIO", "RESTARTS", "PID", "ZONE", "VERSION"] + (owners ? ["OWNER"] : []) + ["URL"])
        for instance in instances {
            table.append([
                instance.id, instance.state.rawValue, instance.scenario.map { "\($0.rawValue) (\($0.failureMode))" } ?? "-",
                String(instance.restarts), instance.pid.map(String.init) ?? "-", instance.zone ?? "-", instance.version ?? "-",
            ] + (owners ? [instance.owner ?? "-"] : []) + [instance.url])
        }
        print("fleet '\(name)'\n\(table.render())", terminator: "")
    }
}
