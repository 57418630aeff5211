import FleetModel
import Synchronization

/// The one place where scenarios start and stop.
///
/// The HTTP API and the supervisor's commands both call this controller, so both paths behave
/// the same (one scenario at a time, 304 on a repeated start or stop, 409 while another runs)
/// and every change is reported to the subscribers of `changes()`.
///
/// The state sits behind a lock rather than in an actor: a start and a read of the current
/// scenario are then plain calls that any thread can make without hopping executors. The
/// supervisor link answers a start on its ZeroMQ thread before the scenario's own work is
/// scheduled, and `/scenario/health` (students' most frequent call) reads without a hop.
public final class ScenarioController: Sendable {
    /// The answer to a start request.
    public enum StartOutcome: Sendable, Equatable {
        case started
        /// This very scenario already runs (HTTP 304).
        case alreadyRunning
        /// Another scenario runs (HTTP 409).
        case conflict(running: ScenarioAlias)
    }

    /// The answer to a stop request.
    public enum StopOutcome: Sendable, Equatable {
        case stopped
        /// This scenario does not run (HTTP 304), whatever else does.
        case notRunning
    }

    private enum State {
        case idle
        case running(ScenarioAlias, ScenarioRun)
        /// Releasing what the scenario holds; starts are refused until it is done.
        case stopping(ScenarioAlias)
    }

    private let state = Mutex<State>(.idle)
    private let makeScenario: @Sendable (ScenarioAlias) -> any FailureScenario
    private let subscribers = Mutex<[Int: AsyncStream<ScenarioChange>.Continuation]>([:])
    private let nextSubscriberID = Atomic<Int>(0)

    /// - Parameter makeScenario: builds the runner of an alias; tests inject fakes here.
    public init(makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario) {
        self.makeScenario = makeScenario
    }

    /// The running (or stopping) scenario, if any.
    public var current: ScenarioAlias? {
        state.withLock { state in
            switch state {
            case .idle: return nil
            case .running(let alias, _), .stopping(let alias): return alias
            }
        }
    }

    /// Starts `alias` unless a scenario is already running. Returns at once: the scenario's
    /// work runs in its own task.
    public func start(_ alias: ScenarioAlias, origin: EventOrigin) -> StartOutcome {
        // Changes are published under the state lock, so subscribers see them in state order.
        state.withLock { state -> StartOutcome in
            switch state {
            case .running(let running, _), .stopping(let running):
                return running == alias ? .alreadyRunning : .conflict(running: running)
            case .idle:
                state = .running(alias, ScenarioRun.start(makeScenario(alias)))
                publish(ScenarioChange(alias: alias, running: true, origin: origin))
                return .started
            }
        }
    }

    /// A scenario gets this long to release what it holds after a stop; past it the controller
    /// goes on (and logs nothing: the scenario task still finishes on its own), so one stuck
    /// scenario can never wedge the instance's API or its shutdown.
    public static let releaseTimeout: Duration = .seconds(2)

    /// Stops `alias` if it runs, waiting (bounded) until it has released what it held.
    public func stop(_ alias: ScenarioAlias, origin: EventOrigin) async -> StopOutcome {
        await withCheckedContinuation { continuation in
            stop(alias, origin: origin) { continuation.resume(returning: $0) }
        }
    }

    /// Stops `alias` if it runs and calls `completion` once it has released what it held (or
    /// after `releaseTimeout`), on the thread where that happened. `.notRunning` is answered at
    /// once, on the calling thread.
    public func stop(_ alias: ScenarioAlias, origin: EventOrigin, completion: @escaping @Sendable (StopOutcome) -> Void) {
        let run = state.withLock { state -> ScenarioRun? in
            guard case .running(let running, let run) = state, running == alias else { return nil }
            state = .stopping(alias)
            return run
        }
        guard let run else {
            completion(.notRunning)
            return
        }
        // Whichever comes first, the scenario's end or the timeout, completes the stop.
        let completed = Atomic<Bool>(false)
        let finish: @Sendable () -> Void = { [weak self] in
            guard completed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
            self?.state.withLock { state in
                state = .idle
                self?.publish(ScenarioChange(alias: alias, running: false, origin: origin))
            }
            completion(.stopped)
        }
        let timer = Task {
            try? await Task.sleep(for: Self.releaseTimeout)
            finish()
        }
        run.whenEnded {
            timer.cancel()
            finish()
        }
        run.cancel()
    }

    /// Stops whatever runs; returns what was stopped.
    @discardableResult
    public func stopAll(origin: EventOrigin) async -> ScenarioAlias? {
        guard let running = runningScenario else { return nil }
        return await stop(running, origin: origin) == .stopped ? running : nil
    }

    /// Stops whatever runs and calls `completion` with what was stopped, as `stop` does.
    public func stopAll(origin: EventOrigin, completion: @escaping @Sendable (ScenarioAlias?) -> Void) {
        guard let running = runningScenario else {
            completion(nil)
            return
        }
        stop(running, origin: origin) { completion($0 == .stopped ? running : nil) }
    }

    /// The scenario that runs and is not already stopping.
    private var runningScenario: ScenarioAlias? {
        state.withLock { state in
            guard case .running(let alias, _) = state else { return nil }
            return alias
        }
    }

    /// Every change from now on; the stream ends when the subscriber stops iterating.
    public func changes() -> AsyncStream<ScenarioChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScenarioChange.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextSubscriberID.add(1, ordering: .relaxed).newValue
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    private func publish(_ change: ScenarioChange) {
        let continuations = subscribers.withLock { Array($0.values) }
        for continuation in continuations { continuation.yield(change) }
    }
}
