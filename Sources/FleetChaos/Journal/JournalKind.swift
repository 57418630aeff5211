/// What a journal line records.
///
/// A struct over its raw string rather than an enum, so that a journal written by a newer
/// `fleet` with kinds this version does not know still reads: unknown kinds are kept, shown as
/// they are in the reveal, and ignored by grading.
public struct JournalKind: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The JSON value of `kind`.
    public var rawValue: String

    /// Wraps a raw kind string.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The chaos run began (`started_at`): brackets the entries of one run.
    public static let runStarted = JournalKind(rawValue: "run_started")
    /// A planned injection was really started on its instance (`started_at`).
    public static let applied = JournalKind(rawValue: "applied")
    /// An applied injection was stopped (`started_at` of the injection, `stopped_at`, `reason`).
    public static let stopped = JournalKind(rawValue: "stopped")
    /// A planned injection was not started (`started_at` is when it came due; `reason` says why).
    public static let skipped = JournalKind(rawValue: "skipped")
    /// The chaos run ended (`stopped_at`, `reason`: completed, interrupted, …).
    public static let runEnded = JournalKind(rawValue: "run_ended")

    /// The raw kind string.
    public var description: String { rawValue }

    /// Decodes from a bare JSON string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a bare JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
