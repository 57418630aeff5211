import FleetModel
import Synchronization

/// The fleet's last `status`, shared by every browser for ``freshness``: a class of open pages
/// polling their instance costs the supervisor one status request a second, not one per page.
/// A scenario change through the console invalidates it, so the one who clicked sees it at once.
final class StatusCache: Sendable {
    static let freshness: Duration = .seconds(1)

    private let stored = Mutex<(at: ContinuousClock.Instant, statuses: [InstanceStatus])?>(nil)

    /// The cached statuses when fresh at `now`.
    func fresh(at now: ContinuousClock.Instant = .now) -> [InstanceStatus]? {
        stored.withLock { entry in
            guard let entry, now - entry.at < Self.freshness else { return nil }
            return entry.statuses
        }
    }

    func store(_ statuses: [InstanceStatus], at now: ContinuousClock.Instant = .now) {
        stored.withLock { $0 = (now, statuses) }
    }

    func invalidate() {
        stored.withLock { $0 = nil }
    }
}
