/// Why an answers file could not be read; every case names the 1-based line.
public struct AnswersError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line of the answers file the problem is on (1-based; 1 when the file is empty).
    public var line: Int
    /// What is wrong, and how to write it instead.
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 7: unrecognized scenario "cpu" (…)`.
    public var description: String { "line \(line): \(message)" }
}
