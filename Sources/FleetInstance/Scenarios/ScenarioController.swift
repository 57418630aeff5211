import FleetModel
import Synchronization

/// The one place where scenarios start and stop.
///
/// The HTTP API and the supervisor's commands both call this actor, so both paths behave the
/// same (one scenario at a time, 304 on a repeated start or stop, 409 while another runs) and
/// every change is reported to the subscribers of `changes()`.
public actor ScenarioController {
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
        case running(ScenarioAlias, Task<Void, Never>)
        /// Releasing what the scenario holds; starts are refused until it is done.
        case stopping(ScenarioAlias)
    }

    private var state: State = .idle
    private let makeScenario: @Sendable (ScenarioAlias) -> any FailureScenario
    private let subscribers = Mutex<[Int: AsyncStream<ScenarioChange>.Continuation]>([:])
    private let nextSubscriberID = Atomic<Int>(0)

    /// - Parameter makeScenario: builds the runner of an alias; tests inject fakes here.
    public init(makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario) {
        self.makeScenario = makeScenario
    }

    /// The running (or stopping) scenario, if any.
    public var current: ScenarioAlias? {
        switch state {
        case .idle: return nil
        case .running(let alias, _), .stopping(let alias): return alias
        }
    }

    /// Starts `alias` unless a scenario is already running.
    public func start(_ alias: ScenarioAlias, origin: ChangeOrigin) -> StartOutcome {
        switch state {
        case .running(let running, _), .stopping(let running):
            return running == alias ? .alreadyRunning : .conflict(running: running)
        case .idle:
            let scenario = makeScenario(alias)
            state = .running(alias, Task { await scenario.run() })
            publish(ScenarioChange(alias: alias, running: true, origin: origin))
            return .started
        }
    }

    /// A scenario gets this long to release what it holds after a stop; past it the controller
    /// goes on (and logs nothing: the scenario task still finishes on its own), so one stuck
    /// scenario can never wedge the instance's API or its shutdown.
    public static let releaseTimeout: Duration = .seconds(2)

    /// Stops `alias` if it runs, waiting (bounded) until it has released what it held.
    public func stop(_ alias: ScenarioAlias, origin: ChangeOrigin) async -> StopOutcome {
        guard case .running(let running, let task) = state, running == alias else { return .notRunning }
        state = .stopping(alias)
        task.cancel()
        await Self.waitBounded(for: task, timeout: Self.releaseTimeout)
        state = .idle
        publish(ScenarioChange(alias: alias, running: false, origin: origin))
        return .stopped
    }

    /// Stops whatever runs; returns what was stopped.
    @discardableResult
    public func stopAll(origin: ChangeOrigin) async -> ScenarioAlias? {
        guard case .running(let alias, _) = state else { return nil }
        return await stop(alias, origin: origin) == .stopped ? alias : nil
    }

    /// Every change from now on; the stream ends when the subscriber stops iterating.
    public nonisolated func changes() -> AsyncStream<ScenarioChange> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScenarioChange.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextSubscriberID.add(1, ordering: .relaxed).newValue
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Waits for `task` or `timeout`, whichever comes first (`Task.value` itself cannot be
    /// abandoned, so both race to resume one continuation).
    private static func waitBounded(for task: Task<Void, Never>, timeout: Duration) async {
        let resumed = Atomic<Bool>(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeOnce = { @Sendable in
                if resumed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
                    continuation.resume()
                }
            }
            Task { await task.value; resumeOnce() }
            Task { try? await Task.sleep(for: timeout); resumeOnce() }
        }
    }

    private func publish(_ change: ScenarioChange) {
        let continuations = subscribers.withLock { Array($0.values) }
        for continuation in continuations { continuation.yield(change) }
    }
}
