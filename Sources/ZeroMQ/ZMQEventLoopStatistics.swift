/// Counters of a ``ZMQEventLoop``, read with ``ZMQEventLoop/statistics``.
///
/// Drops are counted instead of reported one by one through `onError`: under overload they
/// come by the thousand, and a counter is what a metrics exporter wants anyway.
public struct ZMQEventLoopStatistics: Sendable, Hashable {
    /// Messages received and handed to `onMessage`.
    public var messagesReceived: Int
    /// Messages libzmq accepted for sending.
    public var messagesSent: Int
    /// Messages dropped (oldest first) because the outgoing queue was over its bound.
    public var droppedQueueOverflow: Int
    /// Messages dropped at send time: the socket would block (high-water mark reached, no
    /// peer), the peer was unroutable (ROUTER with router-mandatory), the send failed
    /// (also reported through `onError`), or the loop was already stopped.
    public var droppedUnsendable: Int

    /// All dropped messages.
    public var droppedTotal: Int { droppedQueueOverflow + droppedUnsendable }

    /// Creates a value; mostly for tests comparing whole snapshots.
    public init(messagesReceived: Int = 0, messagesSent: Int = 0, droppedQueueOverflow: Int = 0, droppedUnsendable: Int = 0) {
        self.messagesReceived = messagesReceived
        self.messagesSent = messagesSent
        self.droppedQueueOverflow = droppedQueueOverflow
        self.droppedUnsendable = droppedUnsendable
    }
}
