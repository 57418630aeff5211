/// The event loop's bounded, thread-safe queue of messages waiting to be sent.
///
/// Any thread appends; only the loop thread takes. When the bound is passed the oldest
/// message is dropped: for heartbeats and status reports the newest news is worth more,
/// and memory must stay bounded when a peer stops reading.
final class Outbox: Sendable {
    /// One queued message and the index of the loop socket it goes out on.
    struct Entry {
        var socketIndex: Int
        var frames: [[UInt8]]
    }

    private struct State {
        /// Entries before `head` are already consumed; this keeps dropping the oldest O(1).
        var entries: [Entry] = []
        var head = 0
        /// A wake byte is in flight and the loop has not taken the queue since: further
        /// senders need not write another one (one syscall per batch, not per message).
        var wakePending = false
        var count: Int { entries.count - head }
    }

    private let state = Locked(State())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends a message.
    /// - Returns: whether the caller must wake the loop, and how many old messages were
    ///   dropped to make room (0 or 1).
    func append(_ entry: Entry) -> (needsWake: Bool, dropped: Int) {
        state.withLock { state in
            var dropped = 0
            if state.count >= capacity {
                state.entries[state.head] = Entry(socketIndex: 0, frames: [])  // free the memory now
                state.head += 1
                dropped = 1
            }
            if state.head > 1024, state.head * 2 > state.entries.count {
                state.entries.removeFirst(state.head)
                state.head = 0
            }
            state.entries.append(entry)
            let needsWake = !state.wakePending
            state.wakePending = true
            return (needsWake, dropped)
        }
    }

    /// Takes every queued message, oldest first, and re-arms the wakeup so a message
    /// appended from now on writes a new wake byte.
    func takeAll() -> [Entry] {
        state.withLock { state in
            state.wakePending = false
            guard state.count > 0 else { return [] }
            let taken = Array(state.entries[state.head...])
            state.entries.removeAll(keepingCapacity: state.entries.capacity <= 4096)
            state.head = 0
            return taken
        }
    }

    /// Empties the queue (after the loop stopped).
    /// - Returns: how many messages were discarded.
    func discardAll() -> Int {
        state.withLock { state in
            let count = state.count
            state.entries = []
            state.head = 0
            return count
        }
    }
}
