import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario4 and scenario5: the decisions, then their real effect on the affected endpoints
    /// through the real runtime, and that a stop takes the effect away.
    @Suite("Latency and error scenarios")
    struct RequestFaultScenarioTests {
        static func latency(delay: Duration, jitter: Duration) -> AddedLatency {
            var settings = LatencySettings()
            settings.delay = delay
            settings.jitter = jitter
            return AddedLatency(settings: settings)
        }

        @Test("the added wait is delay plus a share of the jitter, within bounds")
        func latencyBounds() {
            let latency = Self.latency(delay: .milliseconds(250), jitter: .milliseconds(250))
            #expect(latency.wait(uniform: 0) == .milliseconds(250))
            #expect(latency.wait(uniform: 0.5) == .milliseconds(375))
            #expect(latency.wait(uniform: 0.999_999) < .milliseconds(500))
            #expect(latency.wait(uniform: 7) == .milliseconds(500), "out-of-range draws are clamped")
            #expect(Self.latency(delay: .zero, jitter: .zero).wait(uniform: 0.7) == .zero)
        }

        @Test("an error draw fails exactly below the rate", arguments: [0.0, 0.3, 1.0])
        func errorDraw(rate: Double) {
            var settings = ErrorResponseSettings()
            settings.errorRate = rate
            let draw = ErrorDraw(settings: settings)
            // A uniform grid of draws: the share that fails is the rate.
            let draws = (0..<1000).map { Double($0) / 1000 }
            let failures = draws.filter(draw.fails(uniform:)).count
            #expect(failures == Int((rate * 1000).rounded()))
        }

        static func runtime(_ configure: (inout FleetConfig) -> Void) -> InstanceRuntime {
            var config = Fixtures.config()
            configure(&config)
            return InstanceRuntime(
                identity: InstanceIdentity(
                    id: "svc-test", host: Fixtures.host, port: Fixtures.port,
                    dataDirectory: Fixtures.uniqueDataDirectory()),
                config: config)
        }

        static func elapsed(_ body: () async throws -> Void) async rethrows -> Duration {
            let start = ContinuousClock.now
            try await body()
            return ContinuousClock.now - start
        }

        @Test("scenario4 delays the affected endpoints by delay…delay+jitter, and only while it runs")
        func latencyEffect() async throws {
            let runtime = Self.runtime {
                $0.scenarios.scenario4.delay = .milliseconds(120)
                $0.scenarios.scenario4.jitter = .milliseconds(60)
            }
            try await Fixtures.application(runtime).test(.router) { client in
                #expect(try await client.send(.post, "/scenario/scenario4?action=start").status == .ok)
                for uri in ["/showcase/count/a", "/showcase/duration/5", "/scenario/do_something"] {
                    let took = try await Self.elapsed {
                        let status = try await client.send(.get, uri).status
                        #expect(status == .ok, "\(uri)")
                    }
                    #expect(took >= .milliseconds(120), "\(uri) took \(took)")
                    #expect(took < .milliseconds(180 + 400), "\(uri) took \(took)")
                }
                // Not affected: the health check and the metrics.
                let health = try await Self.elapsed { _ = try await client.send(.get, "/scenario/health") }
                #expect(health < .milliseconds(100), "health took \(health)")

                #expect(try await client.send(.post, "/scenario/scenario4?action=stop").status == .ok)
                let after = try await Self.elapsed { _ = try await client.send(.get, "/showcase/count/a") }
                #expect(after < .milliseconds(100), "still delayed after the stop: \(after)")
            }
        }

        @Test("scenario5 answers 500 with FastAPI's body to the configured share of requests, only while it runs")
        func errorEffect() async throws {
            let runtime = Self.runtime { $0.scenarios.scenario5.errorRate = 0.3 }
            try await Fixtures.application(runtime).test(.router) { client in
                #expect(try await client.send(.post, "/scenario/scenario5?action=start").status == .ok)
                let requests = 600
                var failures = 0
                for index in 0..<requests {
                    let response = try await client.send(.get, "/showcase/count/label\(index % 5)")
                    if response.status == .internalServerError {
                        failures += 1
                        #expect(response.text == #"{"detail":"Internal Server Error"}"#)
                        #expect(response.headers[.contentType] == "application/json")
                    } else {
                        #expect(response.status == .ok)
                    }
                }
                // Binomial(600, 0.3): mean 180, σ ≈ 11.2; ±5σ never fails by chance in practice.
                #expect((124...236).contains(failures), "\(failures) of \(requests) failed")

                // The failures are in the metrics, labelled 500 with their route.
                let metrics = String(decoding: runtime.metrics.render(), as: UTF8.self)
                #expect(metrics.contains(#"http_status_code="500",http_target="/showcase/count/{label}""#))

                #expect(try await client.send(.post, "/scenario/scenario5?action=stop").status == .ok)
                for _ in 0..<50 {
                    #expect(try await client.send(.get, "/showcase/count/x").status == .ok)
                }
            }
        }
    }
}
