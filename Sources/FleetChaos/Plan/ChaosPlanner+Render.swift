import FleetModel

extension ChaosPlanner {
    /// The text of `fleet chaos plan`: a header line, then one injection a line.
    ///
    /// ```
    /// chaos plan  seed=42  duration=00:30:00.000  injections=2
    /// +00:04:12.345  svc-03  scenario2 (disk fill)    hold 00:03:12.000  ends +00:07:24.345
    /// +00:09:00.001  svc-01  scenario3 (rate limit)   hold 00:01:00.000  ends +00:10:00.001
    /// ```
    ///
    /// Columns are padded to fixed widths (the instance column to the longest id in the plan,
    /// the scenario column to the longest scenario label of all scenarios), times are
    /// `HH:MM:SS.mmm` built by integer arithmetic, and every line ends in `\n` — the output
    /// is byte-identical on every machine and locale. Print it with `print(text, terminator: "")`.
    public static func render(_ plan: ChaosPlan) -> String {
        var text = "chaos plan  seed=\(plan.seed)  duration=\(ClockText.clock(plan.duration))"
            + "  injections=\(plan.injections.count)\n"
        let instanceWidth = plan.injections.map(\.instance.count).max() ?? 0
        let scenarioWidth = ScenarioAlias.allCases.map { label($0).count }.max() ?? 0
        for injection in plan.injections {
            text += ClockText.offset(injection.offset)
            text += "  " + padded(injection.instance, to: instanceWidth)
            text += "  " + padded(label(injection.scenario), to: scenarioWidth)
            text += "  hold " + ClockText.clock(injection.hold)
            text += "  ends " + ClockText.offset(injection.end)
            text += "\n"
        }
        return text
    }

    /// `scenario2 (disk fill)`: the alias a student types, with what it simulates.
    static func label(_ scenario: ScenarioAlias) -> String {
        "\(scenario.rawValue) (\(scenario.failureMode))"
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
