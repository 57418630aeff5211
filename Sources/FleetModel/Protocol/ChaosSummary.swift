/// `chaos` reply: what the supervisor is now running.
public struct ChaosSummary: Codable, Sendable, Equatable {
    public var seed: UInt64
    public var injections: Int
    public var durationMs: Int64
    /// Where the answer key is written (instructor only).
    public var journal: String

    public init(seed: UInt64, injections: Int, durationMs: Int64, journal: String) {
        self.seed = seed
        self.injections = injections
        self.durationMs = durationMs
        self.journal = journal
    }

    enum CodingKeys: String, CodingKey {
        case seed, injections, journal
        case durationMs = "duration_ms"
    }
}
