/// A complete, reproducible chaos run: which scenario starts where, when, and for how long.
///
/// A plan is a pure function of its seed, the chaos settings and the instance ids (see
/// ``ChaosPlanner/plan(settings:instanceIDs:seed:duration:)``): the supervisor executes it, and
/// `fleet chaos plan` prints it without running anything. JSON keys are `seed`, `duration_ms`
/// and `injections`.
public struct ChaosPlan: Sendable, Equatable, Codable {
    /// The seed the plan was drawn from.
    public var seed: UInt64
    /// Length of the run; every injection ends at or before it.
    public var duration: Duration
    /// The injections, in increasing `offset` order (offsets are distinct).
    public var injections: [Injection]

    /// Creates a plan from its parts.
    public init(seed: UInt64, duration: Duration, injections: [Injection]) {
        self.seed = seed
        self.duration = duration
        self.injections = injections
    }

    private enum CodingKeys: String, CodingKey {
        case seed, durationMs = "duration_ms", injections
    }

    /// Decodes the millisecond JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(UInt64.self, forKey: .seed)
        duration = .milliseconds(try container.decode(Int64.self, forKey: .durationMs))
        injections = try container.decode([Injection].self, forKey: .injections)
    }

    /// Encodes the duration as integer milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encode(duration.wholeMilliseconds, forKey: .durationMs)
        try container.encode(injections, forKey: .injections)
    }
}
