import Testing

@testable import FleetInstance

extension InstanceTests {
    /// The `do_something` limiter, driven with injected instants: no sleeping.
    @Suite("Fixed-window rate limiter")
    struct FixedWindowRateLimiterTests {
        let t0 = ContinuousClock.now

        @Test("10 calls per window, then refusals until the window has passed")
        func limitWithinWindow() {
            let limiter = FixedWindowRateLimiter(limit: 10, window: .seconds(60))
            let allowed = (0..<10).map { limiter.acquire(now: t0 + .milliseconds($0 * 100)) }
            #expect(allowed == Array(repeating: true, count: 10))
            #expect(!limiter.acquire(now: t0 + .seconds(1)))
            #expect(!limiter.acquire(now: t0 + .seconds(30)))
            #expect(!limiter.acquire(now: t0 + .seconds(60) - .nanoseconds(1)))
        }

        @Test("the window restarts on the first call at least one window after its start")
        func windowRestart() {
            let limiter = FixedWindowRateLimiter(limit: 10, window: .seconds(60))
            for index in 0..<10 { _ = limiter.acquire(now: t0 + .seconds(index)) }
            // Exactly one window after the start: a new window begins with this call.
            #expect(limiter.acquire(now: t0 + .seconds(60)))
            let more = (1...9).map { limiter.acquire(now: t0 + .seconds(60) + .milliseconds($0)) }
            #expect(more == Array(repeating: true, count: 9))
            #expect(!limiter.acquire(now: t0 + .seconds(61)))
            // The new window started at t0 + 60 s, not at the last allowed call.
            #expect(!limiter.acquire(now: t0 + .seconds(119)))
            #expect(limiter.acquire(now: t0 + .seconds(120)))
        }

        @Test("refused calls do not move the window")
        func refusalsDoNotExtendTheWindow() {
            let limiter = FixedWindowRateLimiter(limit: 2, window: .seconds(10))
            #expect(limiter.acquire(now: t0))
            #expect(limiter.acquire(now: t0 + .seconds(1)))
            for second in 2..<10 { #expect(!limiter.acquire(now: t0 + .seconds(second))) }
            #expect(limiter.acquire(now: t0 + .seconds(10)))
        }

        @Test("a long idle gap starts a fresh window with the full budget")
        func idleGap() {
            let limiter = FixedWindowRateLimiter(limit: 3, window: .seconds(60))
            #expect(limiter.acquire(now: t0))
            let later = t0 + .seconds(3600)
            #expect((0..<3).map { limiter.acquire(now: later + .seconds($0)) } == [true, true, true])
            #expect(!limiter.acquire(now: later + .seconds(3)))
        }

        @Test("a limit of zero refuses everything")
        func zeroLimit() {
            let limiter = FixedWindowRateLimiter(limit: 0, window: .seconds(60))
            #expect(!limiter.acquire(now: t0))
            #expect(!limiter.acquire(now: t0 + .seconds(61)))
        }

        @Test("concurrent callers never get more than the limit")
        func concurrentCallers() async {
            let limiter = FixedWindowRateLimiter(limit: 10, window: .seconds(60))
            let now = t0
            let granted = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 { group.addTask { limiter.acquire(now: now) } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(granted == 10)
        }
    }
}
