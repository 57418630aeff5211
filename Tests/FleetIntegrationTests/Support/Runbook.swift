import Foundation

/// The commands of `docs/instructor.md`: every line of a fenced block whose info string is
/// `sh runbook`, in document order, without blank and comment-only lines.
struct Runbook {
    /// One command, with the line of the document it is on (for failure messages).
    struct Command: Equatable {
        var line: Int
        var text: String

        /// `fleet up …` runs in the foreground in a terminal of its own: the test starts it in
        /// the background and waits for its ready line instead of its exit.
        var startsTheFleet: Bool { text.hasPrefix("fleet up") }
    }

    var commands: [Command]

    /// Reads the runbook's markdown.
    init(markdown: String) {
        var commands: [Command] = []
        var inRunbookBlock = false
        var inOtherBlock = false
        for (index, rawLine) in markdown.components(separatedBy: "\n").enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                if inRunbookBlock || inOtherBlock {
                    inRunbookBlock = false
                    inOtherBlock = false
                } else if line.dropFirst(3).split(separator: " ") == ["sh", "runbook"] {
                    inRunbookBlock = true
                } else {
                    inOtherBlock = true
                }
                continue
            }
            if inRunbookBlock, !line.isEmpty, !line.hasPrefix("#") {
                commands.append(Command(line: index + 1, text: line))
            }
        }
        self.commands = commands
    }
}
