import FleetModel

/// scenario3: a client inside the instance calls its own `/scenario/do_something` — real HTTP
/// on its own port with `Host: localhost:<port>`, as the original's thread does — at
/// `client_rate` requests per second (`0` = no pause), so the rate limiter answers 429s.
public struct RateLimitClientScenario: FailureScenario {
    public let port: Int
    /// Requests per second; `0` sends the next request as soon as the previous one is answered.
    public let rate: Double

    public init(port: Int, rate: Double) {
        self.port = port
        self.rate = rate
    }

    public func run() async {
        let gap: Duration = rate > 0 ? .nanoseconds(Int64(1e9 / rate)) : .zero
        var client: LoopbackHTTPClient?
        var nextRequest = ContinuousClock.now
        while !Task.isCancelled {
            do {
                if client == nil {
                    client = try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: port, hostHeader: "localhost:\(port)")
                }
                _ = try await client!.get("/scenario/do_something")
            } catch {
                // Connection lost (or the server is going away): reconnect after a short pause.
                await client?.close()
                client = nil
                do { try await Task.sleep(for: .milliseconds(100)) } catch { break }
                continue
            }
            if gap > .zero {
                nextRequest += gap
                let now = ContinuousClock.now
                // After a slow (allowed, sleeping) call, do not fire a burst to catch up.
                if nextRequest < now { nextRequest = now }
                do { try await Task.sleep(until: nextRequest, clock: .continuous) } catch { break }
            } else {
                await Task.yield()
            }
        }
        await client?.close()
    }
}
