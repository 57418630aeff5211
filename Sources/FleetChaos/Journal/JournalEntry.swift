import FleetModel
import Foundation

/// One line of the chaos journal — the instructor's answer key.
///
/// The journal records what *really* happened, which may differ from the plan: an injection
/// can be skipped at run time (a student already started a scenario on that instance, the
/// instance was down) and a run can be interrupted. One JSON object per line, keys in
/// snake_case; absent fields are omitted:
///
/// ```json
/// {"hold_ms":120000,"instance":"svc-02","kind":"applied","planned_offset_ms":127123,"scenario":"scenario1","seed":42,"started_at":"2025-05-01T10:02:07.123Z"}
/// {"hold_ms":120000,"instance":"svc-02","kind":"stopped","planned_offset_ms":127123,"reason":"hold elapsed","scenario":"scenario1","seed":42,"started_at":"2025-05-01T10:02:07.123Z","stopped_at":"2025-05-01T10:04:07.140Z"}
/// {"hold_ms":90000,"instance":"svc-01","kind":"skipped","planned_offset_ms":420002,"reason":"instance busy with scenario3 (started by a student)","scenario":"scenario3","seed":42,"started_at":"2025-05-01T10:07:00.002Z"}
/// ```
///
/// (Keys are sorted so that equal entries are equal bytes.)
///
/// | kind          | instance, scenario | started_at                 | stopped_at | reason      |
/// |---------------|--------------------|----------------------------|------------|-------------|
/// | `run_started` | –                  | run start                  | –          | –           |
/// |               | (`instances`: every instance of the fleet, so answers can be checked against it) | | | |
/// | `applied`     | yes                | injection start            | –          | –           |
/// | `stopped`     | yes                | start of the injection     | stop       | why it ended |
/// | `skipped`     | as planned         | when it came due           | –          | why skipped |
/// | `run_ended`   | –                  | –                          | run end    | how it ended |
///
/// Every entry carries the run's `seed`, so journals of several runs appended to one file can
/// still be told apart. Timestamps are ISO-8601 UTC with milliseconds (``ISOTimestamp``).
public struct JournalEntry: Codable, Equatable, Sendable {
    /// What this line records.
    public var kind: JournalKind
    /// The seed of the run's plan.
    public var seed: UInt64
    /// The instance id, for injection lines.
    public var instance: String?
    /// The scenario, for injection lines.
    public var scenario: ScenarioAlias?
    /// The injection's offset in the plan (`planned_offset_ms`).
    public var plannedOffset: Duration?
    /// The injection's planned hold (`hold_ms`).
    public var hold: Duration?
    /// ISO-8601 UTC start (see the table in the type's documentation).
    public var startedAt: String?
    /// ISO-8601 UTC stop.
    public var stoppedAt: String?
    /// Why an injection was skipped or stopped, or how a run ended — free text for humans.
    public var reason: String?
    /// On `run_started`: the ids of every instance of the fleet the run ran on (journals
    /// written before this field existed have none).
    public var instances: [String]?

    /// Creates an entry from its fields; prefer the kind-specific factories below.
    public init(
        kind: JournalKind,
        seed: UInt64,
        instance: String? = nil,
        scenario: ScenarioAlias? = nil,
        plannedOffset: Duration? = nil,
        hold: Duration? = nil,
        startedAt: String? = nil,
        stoppedAt: String? = nil,
        reason: String? = nil,
        instances: [String]? = nil
    ) {
        self.kind = kind
        self.seed = seed
        self.instance = instance
        self.scenario = scenario
        self.plannedOffset = plannedOffset
        self.hold = hold
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.reason = reason
        self.instances = instances
    }

    /// `run_started` at `date`, on a fleet of `instances` (when given).
    public static func runStarted(seed: UInt64, instances: [String]? = nil, at date: Date) -> JournalEntry {
        JournalEntry(kind: .runStarted, seed: seed, startedAt: ISOTimestamp.format(date), instances: instances)
    }

    /// `applied`: `injection` really started on its instance at `date`.
    public static func applied(_ injection: Injection, seed: UInt64, at date: Date) -> JournalEntry {
        JournalEntry(
            kind: .applied, seed: seed, instance: injection.instance, scenario: injection.scenario,
            plannedOffset: injection.offset, hold: injection.hold, startedAt: ISOTimestamp.format(date)
        )
    }

    /// `stopped`: the injection applied at `startedAt` stopped at `date`, e.g. because its
    /// `reason` was "hold elapsed", "stopped by instructor" or "run interrupted".
    public static func stopped(
        _ injection: Injection, seed: UInt64, startedAt: Date, at date: Date, reason: String
    ) -> JournalEntry {
        JournalEntry(
            kind: .stopped, seed: seed, instance: injection.instance, scenario: injection.scenario,
            plannedOffset: injection.offset, hold: injection.hold,
            startedAt: ISOTimestamp.format(startedAt), stoppedAt: ISOTimestamp.format(date), reason: reason
        )
    }

    /// `skipped`: `injection` came due at `date` but was not started, for `reason`
    /// (e.g. "instance busy with scenario2 (started by a student)", "instance down").
    public static func skipped(_ injection: Injection, seed: UInt64, at date: Date, reason: String) -> JournalEntry {
        JournalEntry(
            kind: .skipped, seed: seed, instance: injection.instance, scenario: injection.scenario,
            plannedOffset: injection.offset, hold: injection.hold,
            startedAt: ISOTimestamp.format(date), reason: reason
        )
    }

    /// `run_ended` at `date`, e.g. with reason "completed" or "interrupted".
    public static func runEnded(seed: UInt64, at date: Date, reason: String) -> JournalEntry {
        JournalEntry(kind: .runEnded, seed: seed, stoppedAt: ISOTimestamp.format(date), reason: reason)
    }

    /// `started_at` as a `Date`, when present and well-formed.
    public var startDate: Date? { startedAt.flatMap(ISOTimestamp.parse) }

    /// `stopped_at` as a `Date`, when present and well-formed.
    public var stopDate: Date? { stoppedAt.flatMap(ISOTimestamp.parse) }

    private enum CodingKeys: String, CodingKey {
        case kind, seed, instance, scenario
        case plannedOffsetMs = "planned_offset_ms", holdMs = "hold_ms"
        case startedAt = "started_at", stoppedAt = "stopped_at", reason, instances
    }

    /// Decodes one journal line; durations are integer milliseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(JournalKind.self, forKey: .kind)
        seed = try container.decode(UInt64.self, forKey: .seed)
        instance = try container.decodeIfPresent(String.self, forKey: .instance)
        scenario = try container.decodeIfPresent(ScenarioAlias.self, forKey: .scenario)
        plannedOffset = try container.decodeIfPresent(Int64.self, forKey: .plannedOffsetMs).map { .milliseconds($0) }
        hold = try container.decodeIfPresent(Int64.self, forKey: .holdMs).map { .milliseconds($0) }
        startedAt = try container.decodeIfPresent(String.self, forKey: .startedAt)
        stoppedAt = try container.decodeIfPresent(String.self, forKey: .stoppedAt)
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
        instances = try container.decodeIfPresent([String].self, forKey: .instances)
    }

    /// Encodes one journal line, omitting absent fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(seed, forKey: .seed)
        try container.encodeIfPresent(instance, forKey: .instance)
        try container.encodeIfPresent(scenario, forKey: .scenario)
        try container.encodeIfPresent(plannedOffset?.wholeMilliseconds, forKey: .plannedOffsetMs)
        try container.encodeIfPresent(hold?.wholeMilliseconds, forKey: .holdMs)
        try container.encodeIfPresent(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(stoppedAt, forKey: .stoppedAt)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(instances, forKey: .instances)
    }
}
