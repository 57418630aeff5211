import CZeroMQ
import Dispatch
import OwnedThread

/// A dedicated OS thread that owns a set of sockets and is the only thread touching them.
///
/// ZeroMQ sockets belong to one thread, but the rest of the project is async Swift. This
/// loop bridges the two: it polls its sockets (and a wakeup pipe) on its own thread, hands
/// every received message to `onMessage`, runs `onTick` on a ``TickSchedule``, and
/// sends what other threads queued with ``send(_:on:)``.
///
/// ```swift
/// let router = try context.makeSocket(.router)
/// try router.bind("tcp://127.0.0.1:*")
/// let endpoint = router.lastEndpoint
/// let loop = ZMQEventLoop(name: "control", sockets: [router]) { index, frames in
///     // on the loop thread: frames[0] is the peer's routing id
/// }
/// loop.start()
/// loop.send([peerID, payload], on: 0)  // from any thread or task
/// loop.stop()
/// ```
///
/// Callbacks run on the loop thread and must return quickly: while one runs, nothing is
/// received or sent. Hand work to a task or an `AsyncStream` rather than doing it inline.
///
/// Thread-safety: every public member may be called from any thread or task.
public final class ZMQEventLoop: @unchecked Sendable {
    /// The name given at creation; also the OS thread's name (first 15 bytes).
    public let name: String
    private let core: EventLoopCore
    private let joinTimeout: Duration
    private let phase = Locked<Phase>(.idle)

    private enum Phase {
        case idle
        case running(OwnedThread)
        case stopped
    }

    /// Creates a loop over `sockets`; nothing happens until ``start()``.
    ///
    /// - Parameters:
    ///   - name: for the thread and for error messages.
    ///   - sockets: handed over to the loop. From this call on the caller must not use them
    ///     again (not even to read options): libzmq allows moving a socket to another thread
    ///     only behind a full memory barrier, which the thread start provides, and only if the
    ///     old thread lets go. Bind/connect and read ``ZMQSocket/lastEndpoint`` *before*.
    ///     Indices in `onMessage` and ``send(_:on:)`` are positions in this array.
    ///   - tickInterval: the time between two `onTick` calls while they are due, and so the
    ///     longest poll timeout (at least 1 ms).
    ///   - tickPolicy: `.periodic` (every `tickInterval`), or `.afterSilence` (only once
    ///     `tickInterval` has passed without a received message: a watchdog whose thread
    ///     sleeps while its peer talks). See ``TickSchedule``.
    ///   - maxQueuedMessages: bound of the outgoing queue; past it the oldest message is
    ///     dropped and counted in ``ZMQEventLoopStatistics/droppedQueueOverflow``.
    ///   - joinTimeout: how long ``stop()`` waits for the thread to end.
    ///   - onMessage: runs on the loop thread for every received multipart message, with
    ///     the socket index and the frames (a ROUTER's first frame is the routing id).
    ///   - onTick: runs on the loop thread when the schedule says so (heartbeats, timeouts).
    ///   - onError: runs on the loop thread for every failed receive or send, or from
    ///     ``stop()`` when the thread would not end in time. The loop goes on after an
    ///     error, except when the context was terminated (`ETERM`) or polling itself failed.
    public init(
        name: String,
        sockets: [ZMQSocket],
        tickInterval: Duration = .milliseconds(100),
        tickPolicy: TickSchedule.Policy = .periodic,
        maxQueuedMessages: Int = 10_000,
        joinTimeout: Duration = .seconds(5),
        onMessage: @escaping @Sendable (Int, [[UInt8]]) -> Void,
        onTick: @escaping @Sendable () -> Void = {},
        onError: @escaping @Sendable (ZMQError) -> Void = { _ in }
    ) {
        self.name = name
        self.joinTimeout = joinTimeout
        self.core = EventLoopCore(
            name: name,
            sockets: sockets,
            tickInterval: tickInterval,
            tickPolicy: tickPolicy,
            maxQueuedMessages: maxQueuedMessages,
            onMessage: onMessage,
            onTick: onTick,
            onError: onError
        )
    }

    /// Stops the loop if it is still running (see ``stop()``).
    deinit {
        stop()
    }

    /// Starts the loop thread. Idempotent; does nothing after ``stop()``.
    ///
    /// If the OS refuses a new thread, the error goes to `onError` and the loop is stopped
    /// (its sockets closed), so ``isRunning`` stays false.
    public func start() {
        let failure: ZMQError? = phase.withLock { phase -> ZMQError? in
            guard case .idle = phase else { return nil }
            let core = self.core
            do throws(OwnedThread.SpawnError) {
                phase = .running(try OwnedThread.spawn(name: name) { core.run() })
                return nil
            } catch {
                phase = .stopped
                return ZMQError(code: error.code, operation: "pthread_create for event loop \"\(name)\"")
            }
        }
        if let failure {
            core.requestStop()
            core.closeWithoutThread()
            core.report(failure)
        }
    }

    /// Queues `frames` for the socket at `socketIndex` and wakes the loop at once.
    ///
    /// Safe from any thread or task, including the loop's own callbacks; never blocks (a
    /// short lock and, at most once per batch, a one-byte pipe write). The loop sends without
    /// blocking: a message that cannot be queued by libzmq right then (high-water mark, no
    /// peer, unknown routing id with router-mandatory) is dropped and counted. An index out
    /// of range is reported through `onError`. Messages sent before ``start()`` go out once
    /// it runs; after ``stop()`` they are dropped.
    public func send(_ frames: [[UInt8]], on socketIndex: Int) {
        core.enqueue(frames, on: socketIndex)
    }

    /// Stops the loop, waits (at most `joinTimeout`) for its thread to end, and leaves its
    /// sockets closed. Idempotent.
    ///
    /// The sockets are closed by the loop thread itself, their owner, as its last act. If the
    /// thread does not end in time (a callback stuck), it is detached, an `ETIMEDOUT` error
    /// goes to `onError`, and it closes the sockets whenever it finishes. Called from inside
    /// a callback, it only asks the loop to end after that callback returns (a thread cannot
    /// join itself). When several threads call it at once, only the first one waits.
    public func stop() {
        let previous = phase.withLock { phase in
            let previous = phase
            phase = .stopped
            return previous
        }
        core.requestStop()
        switch previous {
        case .stopped:
            return
        case .idle:
            core.closeWithoutThread()
        case .running(let thread):
            if thread.isCurrent {
                thread.detach()
                return
            }
            let deadline = DispatchTime.now() + .nanoseconds(joinTimeout.clampedNanoseconds)
            if core.finished.wait(timeout: deadline) == .success {
                // The thread has signalled its very last step, so this join returns at once.
                thread.join()
            } else {
                thread.detach()
                core.report(ZMQError(code: ETIMEDOUT, operation: "stop event loop \"\(name)\": the thread did not end within \(joinTimeout) and was detached"))
            }
        }
    }

    /// Whether the loop thread is alive: true from ``start()`` until the thread has closed
    /// its sockets and ended (after ``stop()``, a context shutdown, or a poll failure).
    public var isRunning: Bool {
        let started = phase.withLock { phase in
            if case .idle = phase { return false }
            return true
        }
        return started && !core.hasExited
    }

    /// A snapshot of the loop's counters.
    public var statistics: ZMQEventLoopStatistics {
        core.statistics
    }
}
