import FleetModel

extension ClassGrade {
    /// The graded sheets as RFC 4180 CSV, best first, with a header row:
    ///
    /// ```
    /// rank,sheet,file,true_positives,wrong_scenario,false_alarms,missed,injections,mean_start_error_seconds,score_percent
    /// 1,blue,answers/blue.yaml,3,1,2,1,5,33.562,40.0
    /// ```
    ///
    /// `mean_start_error_seconds` is empty when no true positive gave a start. Sheets that
    /// could not be graded are not rows: a spreadsheet column of numbers stays numbers (the
    /// CLI reports them on standard error).
    public func renderCSV() -> String {
        var lines = [
            "rank,sheet,file,true_positives,wrong_scenario,false_alarms,missed,injections,mean_start_error_seconds,score_percent",
        ]
        for (sheet, rank) in zip(sheets, ranks) {
            let report = sheet.report
            let fields = [
                String(rank), sheet.name, sheet.file, String(report.truePositives), String(report.wrongScenario),
                String(report.falseAlarms), String(report.missed), String(report.injections),
                report.meanStartError.map { GradeReport.decimal(Double($0.wholeMilliseconds) / 1000, places: 3) } ?? "",
                GradeReport.decimal(report.score, places: 1),
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break (quotes doubled).
    static func csvField(_ text: String) -> String { CSVField.quoted(text) }
}
