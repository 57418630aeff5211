/// Why ``DurationSyntax/parse(_:)`` rejected a text: the offending text and what was expected.
///
/// Like ``SizeSyntaxError``, the ``description`` is made to follow a key name in a configuration
/// error: `supervisor.ready_timeout: expected a duration like "500ms", "30s" or "1m30s", found "soon"`.
public struct DurationSyntaxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What exactly is wrong with the text.
    public enum Problem: Sendable, Equatable {
        /// Nothing but whitespace.
        case empty
        /// A number was expected and something else was found (`"soon"`, `"1m s"`, `"--1s"`).
        case notANumber
        /// A number followed by something that is not one of `ms`, `s`, `m`, `h`, `d` (`"5S"`, `"2w"`).
        case unknownUnit(String)
        /// A number without a unit after other components (`"1m30"`): only a lone number means seconds.
        case missingUnit
        /// A unit repeated or out of order (`"30s1m"`, `"1s1s"`): each unit at most once, largest first.
        case unitOrder(String)
        /// The value does not fit in `Duration` with whole seconds in `Int64` (about 292 billion years).
        case overflow
    }

    /// The text as the caller passed it.
    public var text: String
    /// What is wrong with ``text``.
    public var problem: Problem

    /// Creates an error for `text`.
    public init(text: String, problem: Problem) {
        self.text = text
        self.problem = problem
    }

    /// The phrase every duration error starts with; shared with the configuration loader.
    public static let expectation = #"expected a duration like "500ms", "30s" or "1m30s""#

    /// `expected a duration like "500ms", "30s" or "1m30s", found "soon"`, plus a specific hint.
    public var description: String {
        let found = "\(Self.expectation), found \(text.quotedForMessage)"
        switch problem {
        case .empty, .notANumber:
            return found
        case .unknownUnit(let unit):
            return "\(found): unknown unit \(unit.quotedForMessage) (use ms, s, m, h or d; a bare number is seconds)"
        case .missingUnit:
            return "\(found): the last number has no unit (a bare number means seconds only when it stands alone)"
        case .unitOrder(let unit):
            return "\(found): unit \(unit.quotedForMessage) repeated or out of order "
                + "(write each unit once, largest first, as in \"1h30m\")"
        case .overflow:
            return "\(found), which is too long to represent"
        }
    }
}
