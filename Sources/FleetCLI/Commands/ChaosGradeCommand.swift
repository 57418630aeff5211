import ArgumentParser
import FleetChaos
import FleetModel
import Foundation

/// `fleet chaos grade`: one answer sheet in detail, or a whole class at once.
struct ChaosGradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Score students' answer sheets against the answer key.",
        discussion: """
            An answer sheet is a YAML file (template: lab/answers.example.yaml):

              team: blue              # optional; names the sheet's row
              answers:
                - instance: svc-02
                  scenario: memory leak   # or scenario1; disk fill, 429, …
                  start: "10:42"          # optional; HH:MM[:SS] UTC, ISO-8601

            With one file, prints a verdict per answer (true positive, wrong scenario, false \
            alarm) and per missed injection, the start-time errors and the score. With a \
            folder (every *.yaml and *.yml in it) or several files, prints one row per sheet, \
            best score first: its team (else its file), true positives, wrong scenario, false \
            alarms, missed, mean start error and score; --format csv or json for a \
            spreadsheet or a script (json and csv always give the class rows).

            score = 100 × (true positives − 0.5 × false alarms) / injections, at least 0.

            A sheet that is not YAML, names an instance that is not the fleet's or a scenario \
            that is not one, or has a start that does not parse is reported as \
            file:line: reason and the other sheets are still graded. Exits 1 only when no \
            sheet could be graded.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp(
        "A class as aligned columns, CSV with a header row, or one JSON document.", valueName: "format"))
    var format: ClassGradeFormat = .table

    @Option(help: ArgumentHelp(
        "The answer key to grade against (default: <data-dir>/chaos-journal.jsonl).", valueName: "path"))
    var journal: String?

    @Argument(help: ArgumentHelp("Answer sheets, or folders of them.", valueName: "sheets"))
    var sheets: [String]

    func validate() throws {
        guard !sheets.isEmpty else { throw ValidationError("name an answer sheet or a folder of them") }
    }

    func run() throws {
        let entries = try ChaosJournal.read(path: try journal.map(FleetOptions.absolutePath) ?? journalPath(fleet))
        let instanceIDs = ChaosJournal.instanceIDs(in: entries, fallback: try fleet.loadConfig().instanceIDs)
        let sources = try AnswerSheetFiles.sources(of: sheets)
        let grade = ClassGrade.grade(sources: sources, journal: entries, instanceIDs: instanceIDs)

        let isOneFile = sheets.count == 1 && !AnswerSheetFiles.isDirectory(sheets[0])
        if isOneFile, format == .table {
            // One sheet: the detailed verdicts, or its one problem as the error.
            guard let sheet = grade.sheets.first else {
                throw CLIErrors.Failure(message: grade.problems.first.map { "\($0)" } ?? "nothing to grade")
            }
            print(sheet.report.render(), terminator: "")
            return
        }
        print(format.render(grade), terminator: "")
        // The table lists unreadable sheets itself; CSV and JSON keep standard output parseable.
        if format == .csv {
            for problem in grade.problems {
                FileHandle.standardError.write(Data("not graded: \(problem)\n".utf8))
            }
        }
        if grade.sheets.isEmpty { throw ExitCode(1) }
    }
}
