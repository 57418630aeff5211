/// Whether an instance's exit counts toward `supervisor.max_restarts`.
///
/// An instance that keeps dying is given up on after `max_restarts` failures in a row, so a
/// broken build cannot restart forever. scenario7 (crash loop) makes an instance exit with
/// status 1 on purpose, again and again, for as long as an exercise needs: those exits must
/// not use up the budget, or the instance would end `down` because it was asked to crash.
/// They are still restarts for everything else (`fleet_instance_restarts_total`, events).
public enum RestartAccounting {
    /// True when the exit is a failure to count: anything but the crash loop's own exit
    /// (status 1 while the instance last reported scenario7).
    ///
    /// - Parameters:
    ///   - lastScenario: the scenario the instance last reported before it exited.
    ///   - exitStatus: its exit status, or `nil` when a signal killed it (a crash-loop exit is
    ///     always a plain exit; a kill by signal counts even during the loop).
    public static func countsTowardMaxRestarts(lastScenario: ScenarioAlias?, exitStatus: Int32?) -> Bool {
        !(lastScenario == .scenario7 && exitStatus == crashLoopExitStatus)
    }

    /// The status scenario7 exits with.
    public static let crashLoopExitStatus: Int32 = 1
}
