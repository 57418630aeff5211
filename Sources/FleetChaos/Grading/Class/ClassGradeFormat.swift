/// How `fleet chaos grade` prints a class: `--format table|csv|json`.
public enum ClassGradeFormat: String, Sendable, CaseIterable {
    /// Aligned columns for the terminal (the default).
    case table
    /// RFC 4180 CSV with a header row, for a spreadsheet.
    case csv
    /// One JSON document, for scripts.
    case json

    /// The class in this format; every line ends in `\n`.
    public func render(_ grade: ClassGrade) -> String {
        switch self {
        case .table: return grade.renderTable()
        case .csv: return grade.renderCSV()
        case .json: return grade.renderJSON()
        }
    }
}
