import LoopbackHTTP
import FleetModel

/// scenario3: a client inside the instance calls its own `/scenario/do_something` — real HTTP
/// on its own port with `Host: localhost:<port>`, as the original's thread does — at
/// `client_rate` requests per second (`0` = no pause), so the rate limiter answers 429s.
public struct RateLimitClientScenario: FailureScenario {
    /// The instance's own bind address and port.
    public let host: String
    public let port: Int
    /// Requests per second; `0` sends the next request as soon as the previous one is answered.
    public let rate: Double
    /// Where the connection is kept between runs; `nil` closes it when the run ends.
    public let keptConnection: ParkedConnection?

    public init(host: String = "127.0.0.1", port: Int, rate: Double, keptConnection: ParkedConnection? = nil) {
        self.host = host
        self.port = port
        self.rate = rate
        self.keptConnection = keptConnection
    }

    public func run() async {
        let gap: Duration = rate > 0 ? .nanoseconds(Int64(1e9 / rate)) : .zero
        var client = keptConnection?.take()
        // The first request comes at a random point of the first period, not at once: when a
        // whole fleet starts scenario3 together (`--all`, chaos), its clients then spread over
        // the period instead of firing in lockstep, and the start itself stays cheap.
        var nextRequest = ContinuousClock.now + gap * Double.random(in: 0..<1)
        if gap > .zero {
            do { try await Task.sleep(until: nextRequest, clock: .continuous) } catch { return finish(client) }
        }
        while !Task.isCancelled {
            do {
                if client == nil {
                    client = try await LoopbackHTTPClient.connect(host: host, port: port, hostHeader: "localhost:\(port)")
                }
                _ = try await client!.get("/scenario/do_something")
            } catch {
                // Connection lost (or the server is going away): reconnect after a short pause.
                client?.close()
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
        finish(client)
    }

    private func finish(_ client: LoopbackHTTPClient?) {
        guard let client else { return }
        if let keptConnection {
            keptConnection.park(client)
        } else {
            client.close()
        }
    }
}
