/// A whole class's answer sheets graded against one answer key, for `fleet chaos grade answers/`.
///
/// Each sheet is read and graded on its own (``ChaosGrader/parseSheet(yaml:instanceIDs:)``,
/// ``ChaosGrader/grade(answers:journal:)``): a sheet that cannot be read becomes a
/// ``SheetProblem`` and the others are still graded, because one student's typo must not
/// hold up the class.
public struct ClassGrade: Equatable, Sendable {
    /// The graded sheets, best score first; equal scores by name, then by file.
    public var sheets: [SheetGrade]
    /// The sheets that could not be graded, in the order they were given.
    public var problems: [SheetProblem]
    /// Injections in the answer key (the same for every sheet).
    public var injections: Int

    /// Collects graded sheets and problems, sorting the sheets by score.
    public init(sheets: [SheetGrade], problems: [SheetProblem], injections: Int) {
        self.sheets = sheets.sorted { a, b in
            if a.report.score != b.report.score { return a.report.score > b.report.score }
            return (a.name, a.file) < (b.name, b.file)
        }
        self.problems = problems
        self.injections = injections
    }

    /// A sheet's text, or why it could not be read, with the file it came from.
    public typealias Source = (file: String, text: Result<String, SheetProblem>)

    /// Parses and grades every source against `journal`. `instanceIDs` are the fleet's
    /// instances: a sheet naming another instance is a problem (`nil`: not checked).
    public static func grade(sources: [Source], journal: [JournalEntry], instanceIDs: [String]?) -> ClassGrade {
        var sheets: [SheetGrade] = []
        var problems: [SheetProblem] = []
        for source in sources {
            do {
                let sheet = try ChaosGrader.parseSheet(yaml: try source.text.get(), instanceIDs: instanceIDs)
                let report = ChaosGrader.grade(answers: sheet.answers, journal: journal)
                sheets.append(SheetGrade(file: source.file, team: sheet.team, report: report))
            } catch let problem as SheetProblem {
                problems.append(problem)
            } catch let error as AnswersError {
                problems.append(SheetProblem(file: source.file, line: error.line, reason: error.message))
            } catch {
                problems.append(SheetProblem(file: source.file, line: nil, reason: "\(error)"))
            }
        }
        return ClassGrade(sheets: sheets, problems: problems, injections: ChaosJournal.appliedInjections(in: journal).count)
    }

    /// Competition ranks of ``sheets`` ("1, 2, 2, 4"): equal scores share a rank.
    public var ranks: [Int] {
        var ranks: [Int] = []
        for (index, sheet) in sheets.enumerated() {
            if index > 0, sheets[index - 1].report.score == sheet.report.score {
                ranks.append(ranks[index - 1])
            } else {
                ranks.append(index + 1)
            }
        }
        return ranks
    }
}
