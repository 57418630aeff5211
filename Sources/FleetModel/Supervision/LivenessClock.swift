/// When a silent peer counts as lost: the heartbeat policy of both sides of the instance link.
///
/// The clock starts at the first message from the peer, not before: until then the peer may
/// still be starting (a supervisor spawning 200 instances on two cores, an instance loading),
/// and other guards cover a peer that dies first (the supervisor reaps its children; an
/// instance gets the parent-death signal and checks its parent pid).
///
/// Silence counts only while this side was itself running. A check that comes more than one
/// interval late (over two intervals after the previous one) means this side was stopped
/// (`SIGSTOP`) or starved of CPU; the peer could not have been heard meanwhile, so it gets a
/// whole deadline from that check on. A check only a little late is ordinary jitter: counting
/// it as a pause would give the peer a new deadline at nearly every check of a side that checks
/// once per interval, and a silent peer would never be lost.
public struct LivenessClock: Sendable, Equatable {
    /// How often the peer sends, and how often this side checks.
    public let interval: Duration
    /// Heartbeats the peer may miss before it is lost.
    public let misses: Int
    /// When the peer was last heard, shifted by the time this side was not running.
    public private(set) var lastHeard: ContinuousClock.Instant?
    /// The last moment this side is known to have run: its last check, or a message it took.
    /// (Not only checks: a peer registered just before this side was stopped has never been
    /// checked, and its first check after the pause must still see the pause.)
    private var lastRan: ContinuousClock.Instant?

    public init(interval: Duration, misses: Int) {
        self.interval = interval
        self.misses = misses
    }

    /// The silence after which the peer is lost.
    public var deadline: Duration { interval * misses }

    /// True once the peer has been heard at least once.
    public var isRunning: Bool { lastHeard != nil }

    /// The peer sent something at `now`. News older than what is known changes nothing: a
    /// message stamped on another thread may be applied after a later one (or after a pause of
    /// this side was forgiven), and must not make the peer look silent for longer than it was.
    public mutating func heard(at now: ContinuousClock.Instant) {
        lastHeard = max(lastHeard ?? now, now)
        lastRan = max(lastRan ?? now, now)
    }

    /// Whether the peer is lost at `now`; call about once per `interval`.
    public mutating func isLost(at now: ContinuousClock.Instant) -> Bool {
        defer { lastRan = max(lastRan ?? now, now) }
        guard let heard = lastHeard else { return false }
        if let previous = lastRan, now - previous > interval * 2 {
            // This side did not run for a while: whatever the peer sent meanwhile is still
            // waiting to be read, so the peer gets a whole deadline from now.
            lastHeard = max(heard, now)
        }
        return now - (lastHeard ?? heard) > deadline
    }
}
