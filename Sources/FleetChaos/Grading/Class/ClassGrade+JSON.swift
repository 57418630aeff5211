import Foundation

extension ClassGrade {
    /// The class as one JSON document (keys sorted, so equal grades are equal bytes):
    ///
    /// ```json
    /// {"injections": 5,
    ///  "sheets": [{"rank": 1, "sheet": "blue", "file": "answers/blue.yaml", "team": "blue",
    ///              "true_positives": 3, "wrong_scenario": 1, "false_alarms": 2, "missed": 1,
    ///              "mean_start_error_ms": 33562, "score_percent": 40.0}],
    ///  "not_graded": [{"file": "answers/green.yaml", "line": 4, "reason": "unknown instance …"}]}
    /// ```
    public func renderJSON() -> String {
        let document = Document(
            injections: injections,
            sheets: zip(sheets, ranks).map { sheet, rank in
                let report = sheet.report
                return Row(
                    rank: rank, sheet: sheet.name, file: sheet.file, team: sheet.team,
                    truePositives: report.truePositives, wrongScenario: report.wrongScenario,
                    falseAlarms: report.falseAlarms, missed: report.missed,
                    meanStartErrorMs: report.meanStartError?.wholeMilliseconds,
                    scorePercent: Double(GradeReport.decimal(report.score, places: 1)) ?? report.score)
            },
            notGraded: problems.map { Problem(file: $0.file, line: $0.line, reason: $0.reason) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Document: Encodable {
        var injections: Int
        var sheets: [Row]
        var notGraded: [Problem]

        enum CodingKeys: String, CodingKey { case injections, sheets, notGraded = "not_graded" }
    }

    private struct Row: Encodable {
        var rank: Int
        var sheet: String
        var file: String
        var team: String?
        var truePositives: Int
        var wrongScenario: Int
        var falseAlarms: Int
        var missed: Int
        var meanStartErrorMs: Int64?
        var scorePercent: Double

        enum CodingKeys: String, CodingKey {
            case rank, sheet, file, team, missed
            case truePositives = "true_positives", wrongScenario = "wrong_scenario", falseAlarms = "false_alarms"
            case meanStartErrorMs = "mean_start_error_ms", scorePercent = "score_percent"
        }

        /// Absent values are `null`, not missing keys: every row has the same columns.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(sheet, forKey: .sheet)
            try container.encode(file, forKey: .file)
            try container.encode(team, forKey: .team)
            try container.encode(truePositives, forKey: .truePositives)
            try container.encode(wrongScenario, forKey: .wrongScenario)
            try container.encode(falseAlarms, forKey: .falseAlarms)
            try container.encode(missed, forKey: .missed)
            try container.encode(meanStartErrorMs, forKey: .meanStartErrorMs)
            try container.encode(scorePercent, forKey: .scorePercent)
        }
    }

    private struct Problem: Encodable {
        var file: String
        var line: Int?
        var reason: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case file, line, reason }
    }
}
