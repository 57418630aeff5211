import Dispatch
import OwnedThread
import Synchronization

/// A thread that lives as long as its owner and runs submitted jobs one at a time.
///
/// Linux delivers the parent-death signal when the *thread* that created a child exits, not the
/// process. Swift's cooperative pool retires idle threads, so spawning children from a task
/// would kill them at random moments. Every spawn runs on one of these instead.
public final class DedicatedThread: Sendable {
    private let jobs = Mutex<(queue: [@Sendable () -> Void], stopping: Bool)>(([], false))
    /// Counts submitted jobs (and the stop) so the thread sleeps while there is nothing to do;
    /// `Mutex` guards the queue but cannot wait.
    private let pending = DispatchSemaphore(value: 0)

    /// - Throws: when the system has no thread to give (`EAGAIN`).
    public init(name: String) throws {
        let thread = try OwnedThread.spawn(name: name) { [self] in self.loop() }
        // It ends by itself after `stop()`; nobody joins it.
        thread.detach()
    }

    /// Runs `body` on the thread and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Ends the thread after the queued jobs.
    public func stop() {
        jobs.withLock { $0.stopping = true }
        pending.signal()
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.queue.append(job) }
        pending.signal()
    }

    private func loop() {
        while true {
            pending.wait()
            let next: (@Sendable () -> Void)?? = jobs.withLock { state in
                if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                return state.stopping ? .none : .some(nil)
            }
            switch next {
            case .none: return
            case .some(let job?): job()
            case .some(nil): continue
            }
        }
    }
}
