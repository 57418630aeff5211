/// How one answer (or one unanswered injection) was judged.
public enum GradeVerdict: String, Sendable, Equatable, CaseIterable {
    /// The answer names an instance and the scenario that really ran there.
    case truePositive = "true positive"
    /// Something did run on that instance, but another scenario.
    case wrongScenario = "wrong scenario"
    /// Nothing (left to match) ran on that instance.
    case falseAlarm = "false alarm"
    /// An injection that no answer matched.
    case missed
}
