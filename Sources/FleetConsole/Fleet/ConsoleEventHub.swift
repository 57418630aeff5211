import FleetModel
import Foundation
import Synchronization

/// The supervisor's events as the console serves them: the recent ones, kept for a page that
/// opens late, and a live stream of Server-Sent Events frames per open feed.
///
/// Fed by ``EventFeed`` (one ZeroMQ subscriber for every browser, so a class of open consoles
/// costs the supervisor one PUB peer), read by the `/api/events` route. Thread-safe.
public final class ConsoleEventHub: Sendable {
    /// Events kept for late pages and for the chaos timeline.
    public static let recentCapacity = 500
    /// Most open feeds at once; more are refused (a projector and a few spare tabs need far fewer).
    public static let maxSubscribers = 64

    private struct State {
        var recent: [FleetEvent] = []
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        var nextSubscriber = 0
        var finished = false
    }

    private let state = Mutex(State())

    /// A hub without events or feeds.
    public init() {}

    /// Called with every event before it goes to the feeds (the console's chaos round).
    private let observer = Mutex<(@Sendable (FleetEvent) -> Void)?>(nil)

    /// Sets the one observer of every published event.
    public func observe(_ body: @escaping @Sendable (FleetEvent) -> Void) {
        observer.withLock { $0 = body }
    }

    /// Records `event` and sends it to every open feed.
    public func publish(_ event: FleetEvent) {
        observer.withLock { $0 }?(event)
        let frame = Self.frame(event)
        let subscribers = state.withLock { state in
            state.recent.append(event)
            if state.recent.count > Self.recentCapacity { state.recent.removeFirst(state.recent.count - Self.recentCapacity) }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.yield(frame) }
    }

    /// Sends a comment frame to every feed: proxies keep the connection, and a closed browser is
    /// noticed (its write fails) even when the fleet is quiet.
    public func keepAlive() {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(": keep-alive\n\n") }
    }

    /// The recent events, oldest first.
    public func recent() -> [FleetEvent] {
        state.withLock { $0.recent }
    }

    /// A new feed of SSE frames (the recent events first), or nil when too many are open or
    /// the console is stopping.
    public func subscribe() -> AsyncStream<String>? {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        let accepted: [FleetEvent]? = state.withLock { state in
            guard !state.finished, state.subscribers.count < Self.maxSubscribers else { return nil }
            let key = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[key] = continuation
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.subscribers.removeValue(forKey: key) }
            }
            return state.recent
        }
        guard let backlog = accepted else {
            continuation.finish()
            return nil
        }
        for event in backlog { continuation.yield(Self.frame(event)) }
        return stream
    }

    /// Ends every feed and refuses new ones (the console is stopping).
    public func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    /// One event as an SSE frame: `id:` is its sequence number, `data:` its wire JSON (one line:
    /// the encoder writes no newlines).
    static func frame(_ event: FleetEvent) -> String {
        let json = String(decoding: ControlProtocol.encode(event), as: UTF8.self)
        return "id: \(event.seq)\nevent: fleet\ndata: \(json)\n\n"
    }
}
