import LoopbackHTTP
import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario3 on a real server: the instance calls its own `do_something` over loopback HTTP,
    /// the limiter answers 429s that show up in `/metrics`, and a stop ends the traffic at once.
    @Suite("Rate limit scenario")
    struct RateLimitScenarioTests {
        static func runtime(port: Int, dataDirectory: String, delay: Duration, clientRate: Double = 200) -> InstanceRuntime {
            var config = FleetConfig()
            config.scenarios.scenario3.clientRate = clientRate
            config.scenarios.scenario3.minDelay = delay
            config.scenarios.scenario3.maxDelay = delay
            return InstanceRuntime(
                identity: InstanceIdentity(id: "svc-live", host: "127.0.0.1", port: port, dataDirectory: dataDirectory),
                config: config)
        }

        /// Every `do_something` call the scenario's client has had answered, allowed or refused.
        static func doSomethingCount(_ client: TestClient, port: Int) async throws -> Double {
            let scrape = try await client.scrape()
            return [200, 429].reduce(0) { total, status in
                total + (scrape.value("http_server_duration_milliseconds_count", doSomething(status, port: port)) ?? 0)
            }
        }

        /// The scenario's own series: `Host: localhost:<port>` as the original's thread sends.
        static func doSomething(_ status: Int, port: Int) -> [String: String] {
            [
                "http_status_code": String(status), "http_target": "/scenario/do_something",
                "http_server_name": "localhost:\(port)",
            ]
        }

        @Test("429s appear in /metrics while it runs; stop is prompt and the traffic ends")
        func liveRateLimit() async throws {
            let port = try freeLoopbackPort()
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let runtime = Self.runtime(port: port, dataDirectory: folder.path, delay: .milliseconds(1))
            try await LiveServer.run(runtime: runtime) { client in
                let started = try await client.send(.post, "/scenario/scenario3?action=start")
                #expect(started.status == .ok)
                #expect(started.text == #"{"scenario":"scenario3","status":"running"}"#)

                var refused = 0.0
                let enough = try await poll(every: .milliseconds(20), timeout: .seconds(10)) {
                    refused = try await client.scrape().value("http_server_duration_milliseconds_count", Self.doSomething(429, port: port)) ?? 0
                    return refused >= 20
                }
                #expect(enough, "only \(refused) refusals within 10 s")

                let stopStart = ContinuousClock.now
                let stopped = try await client.send(.post, "/scenario/scenario3?action=stop")
                let stopTook = ContinuousClock.now - stopStart
                #expect(stopped.status == .ok)
                #expect(stopped.text == #"{"scenario":"scenario3","status":"stopped"}"#)
                #expect(stopTook < .seconds(1), "stop took \(stopTook)")

                // The last answered request may still be recording; then nothing more may come.
                try await Task.sleep(for: .milliseconds(100))
                let first = try await client.scrape()
                try await Task.sleep(for: .milliseconds(200))
                let second = try await client.scrape()
                let firstCount = first.value("http_server_duration_milliseconds_count", Self.doSomething(429, port: port))
                let secondCount = second.value("http_server_duration_milliseconds_count", Self.doSomething(429, port: port))
                #expect(firstCount != nil)
                #expect(firstCount == secondCount, "429s kept coming after the stop: \(firstCount ?? 0) → \(secondCount ?? 0)")
                #expect(
                    second.value("http_server_response_size_bytes_count", Self.doSomething(429, port: port)) == secondCount)

                // The window's ten allowed calls, and the labels of a real socket.
                #expect(second.value("http_server_duration_milliseconds_count", Self.doSomething(200, port: port)) == 10)
                let series = try #require(second.series("http_server_duration_milliseconds_count", Self.doSomething(429, port: port)).first)
                #expect(series.label("http_host") == "127.0.0.1:\(port)")
                #expect(series.label("net_host_port") == String(port))
                #expect(series.label("http_method") == "GET")
                #expect(series.label("http_flavor") == "1.1")
                #expect(series.labelNames == HTTPMetricsTests.labelNames)
                // The tests' own requests are their own series.
                #expect(second.value(
                    "http_server_duration_milliseconds_count",
                    ["http_server_name": LiveServer.clientAuthority, "http_target": "/scenario/{alias}", "http_method": "POST"]) == 2)

                let health = try await client.send(.get, "/scenario/health")
                #expect(health.text == ScenarioContractTests.health("stopped", "stopped", "stopped"))
            }
        }

        @Test("stop is prompt even while the server sleeps on an allowed call")
        func stopDuringSlowCall() async throws {
            let port = try freeLoopbackPort()
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let runtime = Self.runtime(port: port, dataDirectory: folder.path, delay: .seconds(2))
            try await LiveServer.run(runtime: runtime) { client in
                #expect(try await client.send(.post, "/scenario/scenario3?action=start").status == .ok)
                // The scenario's first call is in flight: the server sleeps 2 s on it.
                let inFlight = try await poll(every: .milliseconds(10), timeout: .seconds(5)) {
                    try await client.scrape().value(
                        "http_server_active_requests", ["http_server_name": "localhost:\(port)", "http_method": "GET"]) == 1
                }
                #expect(inFlight)
                let stopStart = ContinuousClock.now
                let stopped = try await client.send(.post, "/scenario/scenario3?action=stop")
                #expect(stopped.status == .ok)
                #expect(ContinuousClock.now - stopStart < .seconds(1))
            }
        }

        @Test("the connection is kept between runs: a second start reuses it, a stop mid-request drops it")
        func connectionKeptBetweenRuns() async throws {
            let port = try freeLoopbackPort()
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let runtime = Self.runtime(port: port, dataDirectory: folder.path, delay: .milliseconds(1))
            try await LiveServer.run(runtime: runtime) { client in
                let kept = runtime.keptConnection
                #expect(kept.take() == nil)

                // A run that was answered, then stopped while it waited: its connection is kept.
                let open = try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: port, hostHeader: "localhost:\(port)")
                #expect(try await open.get("/scenario/health") == 200)
                kept.park(open)
                let reused = try #require(kept.take())
                #expect(reused === open)
                #expect(kept.take() == nil, "a kept connection is handed out once")
                #expect(try await reused.get("/scenario/health") == 200)

                // A connection closed by a stop in the middle of a request is never kept.
                reused.close()
                kept.park(reused)
                #expect(kept.take() == nil)

                // Through the controller, with a slow client (2 requests/s) so that each stop
                // meets it waiting: a run that has sent keeps its connection, and the next run
                // sends on that same connection and keeps it again.
                let slow = Self.runtime(port: port, dataDirectory: folder.path, delay: .milliseconds(1), clientRate: 2)
                let controller = slow.controller
                let sent: @Sendable (Double) async throws -> Bool = { before in
                    try await poll(every: .milliseconds(10), timeout: .seconds(5)) {
                        try await Self.doSomethingCount(client, port: port) > before
                    }
                }
                var before = try await Self.doSomethingCount(client, port: port)
                #expect(controller.start(.scenario3, origin: .http) == .started)
                #expect(try await sent(before))
                #expect(await controller.stop(.scenario3, origin: .http) == .stopped)
                let parked = try #require(slow.keptConnection.take())
                #expect(parked.isOpen)
                slow.keptConnection.park(parked)

                before = try await Self.doSomethingCount(client, port: port)
                #expect(controller.start(.scenario3, origin: .http) == .started)
                #expect(try await sent(before))
                #expect(await controller.stop(.scenario3, origin: .http) == .stopped)
                #expect(slow.keptConnection.take() === parked)
                parked.close()
            }
        }

        @Test("the client scenario cancelled on its own returns promptly, with no server to talk to")
        func noServer() async throws {
            let port = try freeLoopbackPort()
            let task = Task { await RateLimitClientScenario(port: port, rate: 200).run() }
            try await Task.sleep(for: .milliseconds(150))
            let start = ContinuousClock.now
            task.cancel()
            let finished: Void? = await withDeadline(.seconds(2)) { await task.value }
            #expect(finished != nil)
            #expect(ContinuousClock.now - start < .milliseconds(500))
        }
    }
}
