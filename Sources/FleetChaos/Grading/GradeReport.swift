/// The grade of one answers file against one journal.
///
/// ## Score
/// `points = truePositives − 0.5 × falseAlarms`, floored at 0, and
/// `score = 100 × points / injections` (a percentage). A wrong scenario earns nothing and
/// costs nothing — the student found the sick instance but misdiagnosed it — and a missed
/// injection simply earns nothing. The false-alarm penalty keeps "list every instance with
/// every scenario" from paying off. With no injection at all, the score is 100 without false
/// alarms and 0 with any. Start-time accuracy is reported (``meanStartError``) but not scored:
/// dashboards' resolution varies too much for a fair formula.
public struct GradeReport: Sendable, Equatable {
    /// One line per answer, in file order, then one per missed injection, by start.
    public var lines: [GradeLine]
    /// Answers naming the right instance and scenario.
    public var truePositives: Int
    /// Answers naming an instance that did run something, but another scenario.
    public var wrongScenario: Int
    /// Injections no answer matched.
    public var missed: Int
    /// Answers naming an instance where nothing (left) had run.
    public var falseAlarms: Int
    /// Injections in the journal (`applied` lines).
    public var injections: Int
    /// Mean of ``GradeLine/startError`` over the true positives that gave a start.
    public var meanStartError: Duration?
    /// `max(0, truePositives − 0.5 × falseAlarms)`.
    public var points: Double
    /// `100 × points / injections`, in `0...100`.
    public var score: Double

    /// Builds a report from its lines, computing the counts and the score.
    public init(lines: [GradeLine], injections: Int) {
        self.lines = lines
        self.injections = injections
        truePositives = lines.count(where: { $0.verdict == .truePositive })
        wrongScenario = lines.count(where: { $0.verdict == .wrongScenario })
        missed = lines.count(where: { $0.verdict == .missed })
        falseAlarms = lines.count(where: { $0.verdict == .falseAlarm })
        let errors = lines.filter { $0.verdict == .truePositive }.compactMap(\.startError?.wholeMilliseconds)
        meanStartError = errors.isEmpty
            ? nil
            : .milliseconds((errors.reduce(0, +) + Int64(errors.count / 2)) / Int64(errors.count))
        points = max(0, Double(truePositives) - 0.5 * Double(falseAlarms))
        if injections > 0 {
            score = min(100, 100 * points / Double(injections))
        } else {
            score = falseAlarms == 0 ? 100 : 0
        }
    }
}
