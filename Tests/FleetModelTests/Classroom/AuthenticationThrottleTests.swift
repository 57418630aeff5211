import Testing

import FleetModel

/// Ten failures a minute from one source, then 429 for the rest of that minute.
@Suite("Authentication throttle")
struct AuthenticationThrottleTests {
    let start = ContinuousClock.now

    @Test func tenthFailureBlocksForTheRestOfTheMinute() {
        var throttle = AuthenticationThrottle()
        for second in 0..<9 {
            throttle.recordFailure(of: "10.0.0.2", at: start + .seconds(second))
            #expect(!throttle.isBlocked("10.0.0.2", at: start + .seconds(second)))
        }
        throttle.recordFailure(of: "10.0.0.2", at: start + .seconds(9))
        #expect(throttle.isBlocked("10.0.0.2", at: start + .seconds(9)))
        #expect(throttle.isBlocked("10.0.0.2", at: start + .seconds(59)))
        #expect(!throttle.isBlocked("10.0.0.3", at: start + .seconds(10)))
        // The minute that began with the first failure is over.
        #expect(!throttle.isBlocked("10.0.0.2", at: start + .seconds(60)))
    }

    @Test func failuresSpreadOverMinutesNeverBlock() {
        var throttle = AuthenticationThrottle()
        for minute in 0..<5 {
            for second in 0..<9 {
                let now = start + .seconds(minute * 60 + second)
                throttle.recordFailure(of: "10.0.0.2", at: now)
                #expect(!throttle.isBlocked("10.0.0.2", at: now))
            }
        }
    }

    @Test func memoryIsBounded() {
        var throttle = AuthenticationThrottle(capacity: 100)
        for index in 0..<1_000 {
            throttle.recordFailure(of: "source-\(index)", at: start + .milliseconds(index))
        }
        #expect(throttle.trackedSources <= 100)
        // The newest source is still counted.
        for _ in 0..<9 { throttle.recordFailure(of: "source-999", at: start + .seconds(1)) }
        #expect(throttle.isBlocked("source-999", at: start + .seconds(2)))
    }
}
