import ArgumentParser
import FleetModel

/// `fleet stop <scenario|all> (--instance <id> … | --all | --random <k>)`.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a scenario (or all) on some instances of the running fleet.",
        discussion: """
            Prints one line per instance: stopped, not_running, timeout or unavailable. \\
            `fleet stop all --all` returns the whole fleet to health.
            """)

    @OptionGroup var fleet: FleetOptions

    @Argument(help: ArgumentHelp("A scenario's alias, or all (whatever runs).", valueName: "scenario"))
    var scenario: String

    @OptionGroup var selection: InstanceSelectionOptions

    func validate() throws {
        _ = try target()
        _ = try selection.selection()
    }

    private func target() throws -> ScenarioTarget {
        guard let target = ScenarioTarget(scenario) else {
            throw ValidationError(
                "unknown scenario '\(scenario)'; expected \(ScenarioAlias.allCases.map(\.rawValue).joined(separator: ", ")) or all")
        }
        return target
    }

    func run() throws {
        let results = try OutcomePrinter.results(of: try fleet.send(.stop(try target(), on: try selection.selection())))
        OutcomePrinter.print(results)
        if OutcomePrinter.failed(results) { throw ExitCode(1) }
    }
}
