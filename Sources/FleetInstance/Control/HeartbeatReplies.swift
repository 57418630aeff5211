import FleetModel
import Synchronization

/// The instance's answer to a heartbeat, encoded once per scenario it may report.
///
/// An answer is the same bytes every second until the running scenario changes; encoding it
/// with `JSONEncoder` each time was a quarter of an idle instance's link thread (perf).
final class HeartbeatReplies: Sendable {
    private let instance: String
    private let encoded = Mutex<[ScenarioAlias?: [UInt8]]>([:])

    init(instance: String) {
        self.instance = instance
    }

    /// The heartbeat report of this instance while `scenario` runs (`nil`: none).
    func reply(scenario: ScenarioAlias?) -> [UInt8] {
        encoded.withLock { cache in
            if let bytes = cache[scenario] { return bytes }
            let bytes = ControlProtocol.encode(InstanceReport(instance: instance, scenario: scenario, .heartbeat))
            cache[scenario] = bytes
            return bytes
        }
    }
}
