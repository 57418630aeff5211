import Synchronization

/// One run of a scenario: its task, and a one-shot signal that fires when the task has ended.
///
/// The controller waits for a stopped scenario through callbacks rather than `Task.value`: the
/// scenario's own thread then finishes the stop (state, change, the supervisor's ack) the moment
/// it ends, without handing over to yet another task on a busy machine.
final class ScenarioRun: Sendable {
    private let state = Mutex<(ended: Bool, waiters: [@Sendable () -> Void])>((false, []))
    private let task = Mutex<Task<Void, Never>?>(nil)

    private init() {}

    /// Starts `scenario` in its own task.
    static func start(_ scenario: any FailureScenario) -> ScenarioRun {
        let run = ScenarioRun()
        // The task keeps the run alive until the scenario has ended and its waiters have run.
        let task = Task {
            await scenario.run()
            run.end()
        }
        run.task.withLock { $0 = task }
        return run
    }

    /// Asks the scenario to stop; it ends once it has released what it holds.
    func cancel() {
        task.withLock { $0?.cancel() }
    }

    /// Runs `body` once the scenario has ended: at once, on the caller's thread, if it already
    /// has; otherwise on the scenario's thread as it ends.
    func whenEnded(_ body: @escaping @Sendable () -> Void) {
        let endedAlready = state.withLock { state in
            if !state.ended { state.waiters.append(body) }
            return state.ended
        }
        if endedAlready { body() }
    }

    private func end() {
        let waiters = state.withLock { state in
            state.ended = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter() }
    }
}
