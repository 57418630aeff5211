import FleetModel
import Testing
@testable import FleetSupervisor

@Suite struct AckTrackerTests {
    let start = ContinuousClock.now

    @Test func aFanOutCompletesWithTheLastAckInAddressedOrder() {
        var tracker = AckTracker<String>(timeout: .seconds(2))
        let (id, immediate) = tracker.open(instances: ["svc-02", "svc-01"], origin: .chaos, purpose: "reply", at: start)
        #expect(immediate == nil)
        #expect(tracker.origin(of: id) == .chaos)
        guard case .recorded(let origin) = tracker.acknowledge(id, from: "svc-01", outcome: .started, scenario: .scenario1, at: start + .milliseconds(3)) else {
            Issue.record("the first ack only records")
            return
        }
        #expect(origin == .chaos)
        guard case .completed(let done) = tracker.acknowledge(id, from: "svc-02", outcome: .conflict, scenario: .scenario2, at: start + .milliseconds(5)) else {
            Issue.record("the last ack completes")
            return
        }
        #expect(done.purpose == "reply")
        #expect(done.results.map(\.instance) == ["svc-02", "svc-01"])
        #expect(done.results.map(\.outcome) == [.conflict, .started])
        #expect(done.results.map(\.latencyMs) == [5, 3])
        #expect(tracker.count == 0)
    }

    @Test func unavailableInstancesAreAnsweredAtOnce() {
        var tracker = AckTracker<Int>(timeout: .seconds(2))
        let down = ["svc-01": InstanceResult(instance: "svc-01", outcome: .unavailable, scenario: nil)]
        let (_, immediate) = tracker.open(instances: ["svc-01"], unavailable: down, origin: .supervisor, purpose: 1, at: start)
        #expect(immediate?.results.map(\.outcome) == [.unavailable])
        #expect(tracker.count == 0)

        let (id, waiting) = tracker.open(instances: ["svc-01", "svc-02"], unavailable: down, origin: .supervisor, purpose: 2, at: start)
        #expect(waiting == nil)
        guard case .completed(let done) = tracker.acknowledge(id, from: "svc-02", outcome: .stopped, scenario: nil, at: start) else {
            Issue.record("svc-02 was the only one to wait for")
            return
        }
        #expect(done.results.map(\.outcome) == [.unavailable, .stopped])
    }

    @Test func silentInstancesTimeOutWithTheirLastKnownScenario() {
        var tracker = AckTracker<Int>(timeout: .seconds(2))
        let (first, _) = tracker.open(instances: ["svc-01", "svc-02"], origin: .supervisor, purpose: 1, at: start)
        let (second, _) = tracker.open(instances: ["svc-03"], origin: .supervisor, purpose: 2, at: start + .seconds(1))
        _ = tracker.acknowledge(first, from: "svc-01", outcome: .started, scenario: .scenario3, at: start)
        #expect(tracker.expire(at: start + .milliseconds(1999)).isEmpty)
        let expired = tracker.expire(at: start + .seconds(2)) { $0 == "svc-02" ? .scenario1 : nil }
        #expect(expired.map(\.requestID) == [first])
        #expect(expired.first?.results == [
            InstanceResult(instance: "svc-01", outcome: .started, scenario: .scenario3, latencyMs: 0),
            InstanceResult(instance: "svc-02", outcome: .timeout, scenario: .scenario1),
        ])
        #expect(tracker.expire(at: start + .seconds(3)).map(\.requestID) == [second])
    }

    @Test func lateDuplicateAndStrangersAcksChangeNothing() {
        var tracker = AckTracker<Int>(timeout: .seconds(2))
        let (id, _) = tracker.open(instances: ["svc-01", "svc-02"], origin: .supervisor, purpose: 1, at: start)
        #expect(tracker.acknowledge("r999", from: "svc-01", outcome: .started, scenario: nil, at: start).isLate)
        #expect(tracker.acknowledge(id, from: "svc-09", outcome: .started, scenario: nil, at: start).isLate, "not addressed")
        #expect(!tracker.acknowledge(id, from: "svc-01", outcome: .started, scenario: nil, at: start).isLate)
        #expect(tracker.acknowledge(id, from: "svc-01", outcome: .stopped, scenario: nil, at: start).isLate, "a duplicate")
        _ = tracker.expire(at: start + .seconds(2))
        #expect(tracker.acknowledge(id, from: "svc-02", outcome: .started, scenario: nil, at: start + .seconds(3)).isLate, "after its timeout")
    }

    @Test func requestIDsAreUnique() {
        var tracker = AckTracker<Int>(timeout: .seconds(2))
        let ids = (0..<100).map { tracker.open(instances: ["svc-01"], origin: .supervisor, purpose: $0, at: start).requestID }
        #expect(Set(ids).count == 100)
    }
}

extension AckTracker.Acknowledgement {
    var isLate: Bool {
        if case .late = self { return true }
        return false
    }
}

@Suite struct DropLogThrottleTests {
    @Test func atMostTheLimitPerSecondThenASummary() {
        let start = ContinuousClock.now
        var throttle = DropLogThrottle(limit: 3)
        let first = (0..<10).map { _ in throttle.admit(at: start) }
        #expect(first.map(\.logThis) == [true, true, true] + Array(repeating: false, count: 7))
        #expect(first.allSatisfy { $0.suppressedBefore == 0 })
        let next = throttle.admit(at: start + .seconds(1))
        #expect(next == DropLogThrottle.Admission(logThis: true, suppressedBefore: 7))
        #expect(throttle.admit(at: start + .seconds(2)).suppressedBefore == 0)
    }
}
