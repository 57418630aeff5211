import CZeroMQ
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Everything ``ZMQEventLoop``'s thread works with, kept apart from the public object so
/// the thread holds this (and not the loop itself): dropping the last reference to the
/// loop can then stop it from `deinit`.
///
/// Thread-safety, checked by hand: `sockets` are touched only by the loop thread while it
/// runs, or by the single `stop()` caller when the loop never started; everything else is
/// immutable, atomic or behind a lock.
final class EventLoopCore: @unchecked Sendable {
    /// Upper bound of messages taken from one socket per wakeup. libzmq's poll is
    /// level-triggered, so the rest is picked up on the very next pass; the bound only keeps
    /// a flooding peer from starving the other sockets, the outgoing queue and `onTick`.
    static let maxMessagesPerSocketPerWakeup = 1_000

    let name: String
    let socketCount: Int
    let outbox: Outbox
    /// Nil only if the process is out of descriptors; the loop then still works, with sends
    /// picked up at the next tick instead of at once (reported through `onError` on start).
    let wakeup: WakeupPipe?
    private let wakeupError: ZMQError?
    private let sockets: [ZMQSocket]
    private let tickInterval: Duration
    private let tickPolicy: TickSchedule.Policy
    private let onMessage: @Sendable (Int, [[UInt8]]) -> Void
    private let onTick: @Sendable () -> Void
    private let onError: @Sendable (ZMQError) -> Void

    private let stopRequested = Atomic<Bool>(false)
    /// The loop thread's `pthread_self()`, once it runs: messages it queues itself (replies in
    /// `onMessage`, heartbeats in `onTick`) are flushed before its next poll, so they need no
    /// wake byte, which would cost the loop a second, empty wake-up.
    private let loopThread = Atomic<UInt>(0)
    private let exited = Atomic<Bool>(false)
    /// Signalled once the thread has closed its sockets; `stop()` waits on it with a deadline
    /// before joining, which is what makes the join bounded.
    let finished = DispatchSemaphore(value: 0)

    private let received = Atomic<Int>(0)
    private let sent = Atomic<Int>(0)
    private let droppedOverflow = Atomic<Int>(0)
    private let droppedUnsendable = Atomic<Int>(0)

    init(
        name: String,
        sockets: [ZMQSocket],
        tickInterval: Duration,
        tickPolicy: TickSchedule.Policy,
        maxQueuedMessages: Int,
        onMessage: @escaping @Sendable (Int, [[UInt8]]) -> Void,
        onTick: @escaping @Sendable () -> Void,
        onError: @escaping @Sendable (ZMQError) -> Void
    ) {
        self.name = name
        self.sockets = sockets
        self.socketCount = sockets.count
        self.tickInterval = tickInterval
        self.tickPolicy = tickPolicy
        self.outbox = Outbox(capacity: maxQueuedMessages)
        do {
            self.wakeup = try WakeupPipe()
            self.wakeupError = nil
        } catch let error as ZMQError {
            self.wakeup = nil
            self.wakeupError = error
        } catch {
            self.wakeup = nil
            self.wakeupError = ZMQError(code: EINVAL, operation: "event loop \"\(name)\" wakeup pipe: \(error)")
        }
        self.onMessage = onMessage
        self.onTick = onTick
        self.onError = onError
    }

    // MARK: Any thread

    var isStopRequested: Bool { stopRequested.load(ordering: .acquiring) }
    var hasExited: Bool { exited.load(ordering: .acquiring) }

    var statistics: ZMQEventLoopStatistics {
        ZMQEventLoopStatistics(
            messagesReceived: received.load(ordering: .relaxed),
            messagesSent: sent.load(ordering: .relaxed),
            droppedQueueOverflow: droppedOverflow.load(ordering: .relaxed),
            droppedUnsendable: droppedUnsendable.load(ordering: .relaxed)
        )
    }

    func enqueue(_ frames: [[UInt8]], on socketIndex: Int) {
        guard !isStopRequested else {
            droppedUnsendable.add(1, ordering: .relaxed)
            return
        }
        let (needsWake, dropped) = outbox.append(Outbox.Entry(socketIndex: socketIndex, frames: frames))
        if dropped > 0 { droppedOverflow.add(dropped, ordering: .relaxed) }
        if needsWake, !isOnLoopThread { wakeup?.wake() }
    }

    private var isOnLoopThread: Bool {
        let loop = loopThread.load(ordering: .acquiring)
        return loop != 0 && pthread_equal(pthread_t(loop), pthread_self()) != 0
    }

    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        wakeup?.wake()
    }

    func report(_ error: ZMQError) {
        onError(error)
    }

    /// Closes the sockets on the calling thread; only for a loop that never started, where
    /// the caller of `stop()` is the one thread holding them.
    func closeWithoutThread() {
        closeSockets()
        exited.store(true, ordering: .releasing)
    }

    // MARK: Loop thread

    /// The loop thread's whole life: poll, drain, send, tick, until asked to stop or the
    /// context is terminated; then close the sockets *on this thread*, their owner.
    func run() {
        defer {
            closeSockets()
            exited.store(true, ordering: .releasing)
            finished.signal()
        }
        if let wakeupError { report(wakeupError) }
        loopThread.store(UInt(pthread_self()), ordering: .releasing)

        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(socketCount + 1)
        for (index, socket) in sockets.enumerated() {
            if let handle = socket.handle {
                items.append(zmq_pollitem_t(socket: handle, fd: -1, events: ZMQPoller.pollIn, revents: 0))
            } else {
                // A closed socket must not be polled (a nil socket would mean "poll fd -1").
                report(ZMQError(code: ENOTSOCK, operation: "event loop \"\(name)\": socket \(index) was closed before the loop started; it is ignored"))
                items.append(zmq_pollitem_t(socket: nil, fd: -1, events: 0, revents: 0))
            }
        }
        let wakeIndex = items.count
        items.append(ZMQPoller.item(fileDescriptor: wakeup?.readDescriptor ?? -1))

        let clock = ContinuousClock()
        var schedule = TickSchedule(interval: tickInterval, policy: tickPolicy, start: clock.now)
        loop: while !isStopRequested {
            let now = clock.now
            if schedule.isDue(at: now) {
                onTick()
                schedule.ticked(at: clock.now)
                // What the tick queued goes out now, not after the next poll.
                guard flushOutbox() else { break loop }
                continue
            }

            // The poll timeout is the time left to the next tick: never unbounded.
            let readable: Bool
            do {
                readable = try ZMQPoller.wait(on: &items, timeoutMilliseconds: (schedule.deadline - now).roundedUpMilliseconds)
            } catch {
                // zmq_poll failing (ETERM after a context shutdown, or a broken item) means
                // this loop can do nothing useful any more.
                report(asZMQError(error, "event loop \"\(name)\""))
                break loop
            }
            if readable, ZMQPoller.isReadable(items[wakeIndex]) {
                wakeup?.drain()
            }
            guard flushOutbox() else { break loop }
            if readable {
                var tookMessages = false
                for index in 0..<socketCount where ZMQPoller.isReadable(items[index]) {
                    let (alive, taken) = drain(socketAt: index)
                    tookMessages = tookMessages || taken > 0
                    guard alive else { break loop }
                }
                if tookMessages { schedule.received(at: clock.now) }
                // Replies that `onMessage` queued go out in this same wake-up, not the next.
                guard flushOutbox() else { break loop }
            }
        }
        // Last chance for messages queued just before stop() (e.g. a goodbye); with linger 0
        // libzmq still discards whatever it has not written when the sockets close.
        if isStopRequested { _ = flushOutbox() }
    }

    /// Receives from one readable socket until it is empty (or the per-wakeup bound).
    /// - Returns: whether the loop may go on (false when the context is terminated), and how
    ///   many messages were taken.
    private func drain(socketAt index: Int) -> (alive: Bool, taken: Int) {
        let socket = sockets[index]
        var taken = 0
        for _ in 0..<Self.maxMessagesPerSocketPerWakeup {
            let frames: [[UInt8]]?
            do {
                frames = try socket.receive(wait: false)
            } catch {
                let error = asZMQError(error, "event loop \"\(name)\", socket \(index)")
                report(error)
                return (!error.isContextTerminated, taken)
            }
            guard let frames else { break }
            taken += 1
            received.add(1, ordering: .relaxed)
            onMessage(index, frames)
            if isStopRequested { break }
        }
        return (true, taken)
    }

    /// Sends everything queued, without ever blocking: a message that cannot go out now is
    /// dropped and counted, because waiting here would stall every other socket.
    /// - Returns: false when the context is terminated and the loop must end.
    private func flushOutbox() -> Bool {
        let entries = outbox.takeAll()
        for (position, entry) in entries.enumerated() {
            guard entry.socketIndex >= 0, entry.socketIndex < socketCount else {
                droppedUnsendable.add(1, ordering: .relaxed)
                report(ZMQError(code: EINVAL, operation: "send on socket index \(entry.socketIndex) in event loop \"\(name)\" (it has sockets 0..<\(socketCount))"))
                continue
            }
            do {
                if try sockets[entry.socketIndex].send(entry.frames, wait: false) {
                    sent.add(1, ordering: .relaxed)
                } else {
                    droppedUnsendable.add(1, ordering: .relaxed)
                }
            } catch {
                let error = asZMQError(error, "event loop \"\(name)\", socket \(entry.socketIndex)")
                droppedUnsendable.add(1, ordering: .relaxed)
                report(error)
                if error.isContextTerminated {
                    droppedUnsendable.add(entries.count - position - 1, ordering: .relaxed)
                    return false
                }
            }
        }
        return true
    }

    private func closeSockets() {
        for socket in sockets { socket.close() }
        let discarded = outbox.discardAll()
        if discarded > 0 { droppedUnsendable.add(discarded, ordering: .relaxed) }
    }

    /// Adds where it happened (loop name, socket index) to an error from the socket, which
    /// only knows the socket type. The wrapper only throws ``ZMQError``; anything else is
    /// wrapped rather than trapped.
    private func asZMQError(_ error: any Error, _ context: String) -> ZMQError {
        guard let error = error as? ZMQError else {
            return ZMQError(code: EINVAL, operation: "\(context): \(error)")
        }
        return ZMQError(code: error.code, operation: "\(context): \(error.operation)")
    }
}
