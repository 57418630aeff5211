/// Why ``ByteSize/parse(_:)`` rejected a text: the offending text and what was expected.
///
/// The ``description`` is written to be embedded after a key name in a configuration error
/// (`scenarios.scenario1.chunk_size: expected a size like "1MB" or "4MiB", found "lots"`),
/// so it never repeats the key and always says both what was expected and what was found.
public struct SizeSyntaxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What exactly is wrong with the text.
    public enum Problem: Sendable, Equatable {
        /// Nothing but whitespace.
        case empty
        /// No readable decimal number at the start (`"MB"`, `"1.2.3"`, `"--1"`).
        case notANumber
        /// A number followed by a unit that is not a size suffix (`"12 parsecs"` → `"parsecs"`).
        case unknownSuffix(String)
        /// The value does not fit in `Int64` bytes.
        case overflow
    }

    /// The text as the caller passed it, untrimmed, so the message shows what the user wrote.
    public var text: String
    /// What is wrong with ``text``.
    public var problem: Problem

    /// Creates an error for `text`.
    public init(text: String, problem: Problem) {
        self.text = text
        self.problem = problem
    }

    /// The phrase every size error starts with; shared with the configuration loader.
    public static let expectation = #"expected a size like "1MB" or "4MiB""#

    /// The suffixes the parser accepts, for messages.
    static let suffixList = "b, k, kb, ki, kib, m, mb, mi, mib, g, gb, gi or gib"

    /// `expected a size like "1MB" or "4MiB", found "lots"`, plus a hint for the specific problem.
    public var description: String {
        let found = "\(Self.expectation), found \(text.quotedForMessage)"
        switch problem {
        case .empty, .notANumber:
            return found
        case .unknownSuffix(let suffix):
            return "\(found): unknown unit \(suffix.quotedForMessage) (use \(Self.suffixList))"
        case .overflow:
            return "\(found), which does not fit in 64 bits (at most 9223372036854775807 bytes, about 8 EiB)"
        }
    }
}
