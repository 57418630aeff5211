import ArgumentParser
import FleetModel

/// `fleet start <scenario> (--instance <id> … | --all | --random <k>)`.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a scenario on some instances of the running fleet.",
        discussion: """
            Scenarios: \(ScenarioAlias.allCases.map { "\($0.rawValue) (\($0.failureMode))" }.joined(separator: ", ")). \\
            Prints one line per instance: started, already_running, conflict (another scenario \\
            runs there), timeout or unavailable. Exits 1 when any instance did not start it.
            """)

    @OptionGroup var fleet: FleetOptions

    @Argument(help: ArgumentHelp("The scenario's alias.", valueName: "scenario"))
    var scenario: String

    @OptionGroup var selection: InstanceSelectionOptions

    func validate() throws {
        _ = try alias()
        _ = try selection.selection()
    }

    private func alias() throws -> ScenarioAlias {
        guard let alias = ScenarioAlias(rawValue: scenario) else {
            throw ValidationError(
                "unknown scenario '\(scenario)'; expected \(ScenarioAlias.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return alias
    }

    func run() throws {
        let results = try OutcomePrinter.results(of: try fleet.send(.start(try alias(), on: try selection.selection())))
        OutcomePrinter.print(results)
        if OutcomePrinter.failed(results) { throw ExitCode(1) }
    }
}
