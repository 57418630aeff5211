/// One answer sheet of a class, graded.
public struct SheetGrade: Equatable, Sendable {
    /// The file the sheet was read from, as given on the command line.
    public var file: String
    /// The sheet's `team:` name, if it has one.
    public var team: String?
    /// The sheet's grade against the answer key.
    public var report: GradeReport

    /// Creates a graded sheet.
    public init(file: String, team: String?, report: GradeReport) {
        self.file = file
        self.team = team
        self.report = report
    }

    /// How the class table names the sheet: its team, else its file.
    public var name: String { team ?? file }
}
