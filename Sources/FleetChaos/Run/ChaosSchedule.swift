import FleetModel
import Foundation

/// The execution of a chaos plan as decisions, with no I/O and no clock of its own.
///
/// The supervisor asks it what is due (``due(elapsed:)``), carries out the steps (start or stop
/// a scenario through the ordinary command path) and tells it how they went; the schedule
/// says when the run is over. Chaos thus never calls into the supervisor: data flows one way.
public struct ChaosSchedule: Sendable {
    public let plan: ChaosPlan
    private var upcoming: ArraySlice<Injection>
    private var active: [Active] = []
    /// Steps handed out whose outcome has not come back yet.
    private var inFlight = 0
    private var interrupted = false
    public private(set) var isFinished = false

    /// An injection that runs, with the wall-clock time of its start for the journal.
    public struct Active: Sendable, Equatable {
        public var injection: Injection
        public var startedAt: Date

        public init(injection: Injection, startedAt: Date) {
            self.injection = injection
            self.startedAt = startedAt
        }
    }

    /// What the supervisor must do.
    public enum Step: Sendable, Equatable {
        /// Start the injection's scenario, unless its instance is down or busy.
        case apply(Injection)
        /// Stop an applied injection; `reason` goes to the journal.
        case end(Active, reason: String)
        /// The run is over (`completed` or `interrupted`): journal it, nothing more follows.
        case finish(reason: String)
    }

    public init(plan: ChaosPlan) {
        self.plan = plan
        upcoming = plan.injections.sorted { $0.offset < $1.offset }[...]
    }

    /// When the next step comes due, from the start of the run; nil when nothing is planned
    /// (the run then waits for outcomes, or is over).
    public var nextDue: Duration? {
        guard !interrupted else { return nil }
        return [active.map(\.injection.end).min(), upcoming.first?.offset].compactMap { $0 }.min()
    }

    /// The steps due `elapsed` after the start of the run: ends first (an instance freed at `t`
    /// may take a new injection at `t`), then starts, then the finish once all is done.
    public mutating func due(elapsed: Duration) -> [Step] {
        guard !isFinished else { return [] }
        var steps: [Step] = []
        if !interrupted {
            let ending = active.filter { $0.injection.end <= elapsed }
            active.removeAll { $0.injection.end <= elapsed }
            steps += ending.map { .end($0, reason: "hold elapsed") }
            while let next = upcoming.first, next.offset <= elapsed {
                upcoming.removeFirst()
                steps.append(.apply(next))
            }
        }
        inFlight += steps.count
        return steps + finishIfDone()
    }

    /// The outcome of an `.apply`: started at `date`, or skipped. Returns the steps that
    /// follow (a stop, when the run was interrupted meanwhile; the finish).
    public mutating func applied(_ injection: Injection, startedAt date: Date?) -> [Step] {
        inFlight -= 1
        guard let date else { return finishIfDone() }
        let started = Active(injection: injection, startedAt: date)
        guard !interrupted else {
            inFlight += 1
            return [.end(started, reason: "chaos stopped")]
        }
        active.append(started)
        return finishIfDone()
    }

    /// An `.end` was carried out (journaled). Returns the finish when it was the last thing.
    public mutating func ended() -> [Step] {
        inFlight -= 1
        return finishIfDone()
    }

    /// Stops the run: every applied injection ends now, nothing more starts.
    public mutating func interrupt() -> [Step] {
        guard !isFinished, !interrupted else { return [] }
        interrupted = true
        upcoming.removeAll()
        let steps = active.map { Step.end($0, reason: "chaos stopped") }
        active.removeAll()
        inFlight += steps.count
        return steps + finishIfDone()
    }

    private mutating func finishIfDone() -> [Step] {
        guard !isFinished, inFlight == 0, active.isEmpty, upcoming.isEmpty else { return [] }
        isFinished = true
        return [.finish(reason: interrupted ? "interrupted" : "completed")]
    }
}
