import FleetModel

extension ClassGrade {
    /// The class as aligned columns, best first, then the sheets that could not be graded:
    ///
    /// ```
    /// RANK  SHEET  TRUE POSITIVES  WRONG SCENARIO  FALSE ALARMS  MISSED  MEAN START ERROR  SCORE
    /// 1     blue   3               1               2             1       34s               40.0%
    /// 2     red    0               0               0             5       -                 0.0%
    /// 2 sheets graded against 5 injections
    /// not graded: answers/green.yaml:4: unknown instance "svc-9": this fleet's instances are svc-01 … svc-05
    /// ```
    public func renderTable() -> String {
        var table = TextTable(header: [
            "RANK", "SHEET", "TRUE POSITIVES", "WRONG SCENARIO", "FALSE ALARMS", "MISSED", "MEAN START ERROR", "SCORE",
        ])
        for (sheet, rank) in zip(sheets, ranks) {
            let report = sheet.report
            table.append([
                String(rank), sheet.name, String(report.truePositives), String(report.wrongScenario),
                String(report.falseAlarms), String(report.missed),
                report.meanStartError.map { ClockText.compact($0) } ?? "-",
                GradeReport.decimal(report.score, places: 1) + "%",
            ])
        }
        var text = sheets.isEmpty ? "" : table.render()
        text += "\(sheets.count) \(sheets.count == 1 ? "sheet" : "sheets") graded against "
            + "\(injections) \(injections == 1 ? "injection" : "injections")\n"
        for problem in problems {
            text += "not graded: \(problem)\n"
        }
        return text
    }
}
