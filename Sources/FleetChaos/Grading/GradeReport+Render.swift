import FleetModel

extension GradeReport {
    /// The text of `fleet chaos grade`: one row per line with its verdict, then the totals.
    ///
    /// ```
    /// #  INSTANCE  ANSWER                   START  ACTUAL                   ACTUAL START  ERROR  VERDICT
    /// 1  svc-02    scenario1                10:02  scenario1 (memory leak)  10:02:07      7s     true positive
    /// 2  svc-04    memory leak (scenario1)  10:06  scenario2 (disk fill)    10:05:30      30s    wrong scenario
    /// 3  svc-01    429 (scenario3)          10:07  -                        -             -      false alarm: no injection on svc-01
    /// -  svc-03    -                        -      scenario1 (memory leak)  10:20:10      -      missed
    /// true positives 1, wrong scenario 1, false alarms 1, missed 1 (of 3 injections)
    /// mean start error 7s
    /// score 16.7%  (points = 1 true positive - 0.5 x 1 false alarm = 0.5 of 3 injections)
    /// ```
    ///
    /// The INSTANCE column shows the journal's id once an answer is matched (so `svc2` reads
    /// `svc-02`), the ANSWER column the scenario as the student wrote it, with the alias it was
    /// read as when that differs. Times are UTC, formatted by integer arithmetic; every line ends in `\n`.
    public func render() -> String {
        var table = TextTable(header: ["#", "INSTANCE", "ANSWER", "START", "ACTUAL", "ACTUAL START", "ERROR", "VERDICT"])
        for line in lines {
            let answerText: String
            if let answer = line.answer {
                if let alias = ScenarioAlias(answer: answer.scenario) {
                    answerText = answer.scenario == alias.rawValue ? answer.scenario : "\(answer.scenario) (\(alias.rawValue))"
                } else {
                    answerText = "\(answer.scenario) (unrecognized)"
                }
            } else {
                answerText = "-"
            }
            let actualStart = line.injection.map { injection -> String in
                let iso = ISOTimestamp.format(injection.start)
                return String(iso.dropFirst(11).prefix(8))
            }
            table.append([
                line.answerNumber.map(String.init) ?? "-",
                // The journal's id once matched (`svc2` was read as `svc-02`), else as written.
                line.injection?.instance ?? line.answer?.instance ?? "-",
                answerText,
                line.answer?.start ?? "-",
                line.injection.map { ChaosPlanner.label($0.scenario) } ?? "-",
                actualStart ?? "-",
                line.startError.map { ClockText.compact($0) } ?? "-",
                line.verdict.rawValue + (line.note.map { ": " + $0 } ?? ""),
            ])
        }

        var text = table.render()
        text += "true positives \(truePositives), wrong scenario \(wrongScenario), false alarms \(falseAlarms), "
            + "missed \(missed) (of \(injections) \(plural(injections, "injection")))\n"
        text += "mean start error " + (meanStartError.map { ClockText.compact($0) } ?? "-") + "\n"
        text += "score \(Self.decimal(score, places: 1))%  (points = \(truePositives) \(plural(truePositives, "true positive"))"
            + " - 0.5 x \(falseAlarms) \(plural(falseAlarms, "false alarm"))"
            + " = \(Self.decimal(points, places: 1)) of \(injections) \(plural(injections, "injection")))\n"
        return text
    }

    private func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word + "s"
    }

    /// A non-negative number with a fixed count of decimals, rounded half up, without
    /// `String(format:)` (locale) or `description` (shortest round-trip digits).
    static func decimal(_ value: Double, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((max(0, value) * Double(scale)).rounded(.toNearestOrAwayFromZero))
        guard places > 0 else { return String(scaled) }
        return "\(scaled / scale)." + ClockText.pad(scaled % scale, places)
    }
}
