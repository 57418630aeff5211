/// Why one answer sheet of a class could not be graded: `answers/red.yaml:4: unknown instance …`.
public struct SheetProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as given on the command line.
    public var file: String
    /// The 1-based line of the problem; `nil` when the file could not be read at all.
    public var line: Int?
    /// What is wrong, and how to write it instead.
    public var reason: String

    /// Creates a problem.
    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`, the form editors and terminals link to the line.
    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}
