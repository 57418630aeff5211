import Hummingbird
import Synchronization

/// The request fault in force on this instance, if any: set by scenario4 or scenario5 while
/// it runs, applied by the affected handlers (`/showcase/*`, `/scenario/do_something`).
///
/// Kept apart from the scenario controller's state because the controller still reports a
/// scenario while it stops; a fault is gone the moment its scenario releases it.
public final class RequestFaults: Sendable {
    private let current = Mutex<RequestFault?>(nil)

    public init() {}

    /// The fault in force now.
    public var active: RequestFault? { current.withLock { $0 } }

    /// Puts `fault` in force until `clear()`.
    func install(_ fault: RequestFault) {
        current.withLock { $0 = fault }
    }

    /// No fault from now on.
    func clear() {
        current.withLock { $0 = nil }
    }

    /// Applies the fault in force to one request: waits (latency) or throws the 500 an unhandled
    /// error gives in FastAPI (errors). Does nothing when none is in force.
    public func apply() async throws {
        switch active {
        case nil:
            return
        case .latency(let latency)?:
            try await Task.sleep(for: latency.wait(uniform: Double.random(in: 0..<1)))
        case .errors(let draw)?:
            if draw.fails(uniform: Double.random(in: 0..<1)) {
                throw APIError.detail(.internalServerError, "Internal Server Error")
            }
        }
    }
}
