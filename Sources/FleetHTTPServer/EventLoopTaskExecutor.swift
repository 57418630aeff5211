import NIOCore

/// A task executor (SE-0417) that runs jobs on one NIO event loop.
///
/// A connection task that prefers it runs its nonisolated code (reading the next request,
/// routing, the handler, writing the answer) on the event loop that owns the connection, instead
/// of hopping to Swift's global concurrent pool and back for every request. Hand-written
/// because neither SwiftNIO 2.101 nor Hummingbird 2.28 ships a `TaskExecutor` for an event loop
/// (NIO's event loops are only `SerialExecutor`s).
public final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop every job runs on.
    public let eventLoop: any EventLoop

    /// An executor for `eventLoop`.
    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Runs `job` on the event loop, after what the loop is doing now.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
