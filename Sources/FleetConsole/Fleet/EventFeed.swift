import FleetClient
import FleetModel
import Logging
import OwnedThread
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Follows the supervisor's event stream (`FleetClient.EventSubscriber`) on a thread of its own
/// and hands every event to a ``ConsoleEventHub``.
///
/// `EventSubscriber` blocks in ZeroMQ for up to its poll interval; a thread of its own keeps that
/// off the cooperative pool. It reconnects when the supervisor is not there yet.
final class EventFeed: Sendable {
    /// Set by ``stop()``, read by the thread at every poll.
    private final class StopFlag: Sendable {
        let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    private let stopped = StopFlag()
    private let thread: Mutex<OwnedThread?> = Mutex(nil)

    /// Starts following `endpoint` into `hub`.
    init(endpoint: ControlEndpointAddress, hub: ConsoleEventHub, logger: Logger) throws {
        let spawned = try OwnedThread.spawn(name: "console-events") { [stopped] in
            var lastKeepAlive = ContinuousClock.now
            while !stopped.isSet {
                guard let subscriber = try? EventSubscriber(endpoint: endpoint, pollInterval: .milliseconds(200)) else {
                    // No supervisor socket yet: wait a poll interval the same way a subscriber would.
                    let deadline = ContinuousClock.now + .milliseconds(200)
                    while ContinuousClock.now < deadline, !stopped.isSet { Self.pause() }
                    continue
                }
                while !stopped.isSet {
                    do {
                        if let received = try subscriber.next(), let event = received.event { hub.publish(event) }
                    } catch {
                        logger.warning("console: event stream failed", metadata: ["error": "\(error)"])
                        break
                    }
                    if ContinuousClock.now - lastKeepAlive > .seconds(15) {
                        hub.keepAlive()
                        lastKeepAlive = .now
                    }
                }
            }
        }
        thread.withLock { $0 = spawned }
    }

    /// Stops the thread (within one poll interval) and waits for it.
    func stop() {
        stopped.value.store(true, ordering: .relaxed)
        let running = thread.withLock { thread in
            defer { thread = nil }
            return thread
        }
        running?.join()
    }

    private static func pause() {
        var request = timespec(tv_sec: 0, tv_nsec: 20_000_000)
        nanosleep(&request, nil)
    }
}
