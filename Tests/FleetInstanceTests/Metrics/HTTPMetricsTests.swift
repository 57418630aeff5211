import Foundation
import Hummingbird
import HummingbirdTesting
import FleetTestSupport
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// After known traffic, `/metrics` shows exactly the series, labels, buckets, counts and sums of
    /// shared/reference/metrics.md.
    @Suite("HTTP and showcase metrics")
    struct HTTPMetricsTests {
        static let contentType = "text/plain; version=0.0.4; charset=utf-8"
        static let httpBuckets: [Double] = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000, .infinity]
        static let myDurationBuckets: [Double] = (0..<20).map { Double($0 * 500) } + [.infinity]
        static let labelNames: Set<String> = [
            "http_flavor", "http_host", "http_method", "http_scheme", "http_server_name", "http_status_code",
            "http_target", "net_host_port",
        ]

        /// Which series one request lands in.
        struct SeriesKey: Hashable, CustomStringConvertible {
            var method: String
            var status: Int
            var target: String?
            var description: String { "\(method) \(status) \(target ?? "<no target>")" }

            init(method: String, status: Int, target: String?) {
                self.method = method
                self.status = status
                self.target = target
            }

            init(_ sample: Exposition.Sample) {
                self.init(
                    method: sample.label("http_method") ?? "?", status: Int(sample.label("http_status_code") ?? "") ?? -1,
                    target: sample.label("http_target"))
            }
        }

        /// What the client really received, per series.
        struct Tally {
            var requests: [SeriesKey: (count: Int, bytes: Int)] = [:]
            var requestBodies: [SeriesKey: (count: Int, bytes: Int)] = [:]

            mutating func send(
                _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, target: String?,
                body: String? = nil
            ) async throws -> TestResponse {
                let response = try await client.send(method, uri, body: body)
                let key = SeriesKey(method: method.rawValue, status: Int(response.status.code), target: target)
                let previous = requests[key] ?? (0, 0)
                requests[key] = (previous.count + 1, previous.bytes + response.body.readableBytes)
                if let body, !body.isEmpty {
                    let previous = requestBodies[key] ?? (0, 0)
                    requestBodies[key] = (previous.count + 1, previous.bytes + body.utf8.count)
                }
                return response
            }
        }

        /// Sends the known traffic of these tests and returns the tally and the scrape that follows.
        static func knownTraffic() async throws -> (tally: Tally, metrics: Exposition, scrape: TestResponse) {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                var tally = Tally()
                let count = "/showcase/count/{label}", duration = "/showcase/duration/{length_ms}"
                let alias = "/scenario/{alias}", gauge = "/showcase/gauge"
                for label in ["a", "a", "with%20space"] {
                    _ = try await tally.send(client, .get, "/showcase/count/\(label)", target: count)
                }
                for length in ["100", "700", "-5", "notanumber"] {
                    _ = try await tally.send(client, .get, "/showcase/duration/\(length)", target: duration)
                }
                _ = try await tally.send(client, .put, "/showcase/gauge", target: gauge, body: #"{"value":42}"#)
                _ = try await tally.send(client, .put, "/showcase/gauge", target: gauge)
                _ = try await tally.send(client, .get, "/showcase/gauge", target: gauge)
                for uri in [
                    "/scenario/scenario1?action=start", "/scenario/scenario1?action=start", "/scenario/scenario2?action=start",
                    "/scenario/scenario1?action=stop", "/scenario/scenario1?action=stop",
                ] {
                    _ = try await tally.send(client, .post, uri, target: alias)
                }
                _ = try await tally.send(client, .get, "/scenario/scenario1", target: alias)
                _ = try await tally.send(client, .get, "/scenario/health", target: "/scenario/health")
                for _ in 1...12 {
                    _ = try await tally.send(client, .get, "/scenario/do_something", target: "/scenario/do_something")
                }
                _ = try await tally.send(client, .get, "/nonexistent", target: nil)
                let scrape = try await client.send(.get, "/metrics")
                return (tally, try Exposition(scrape.text), scrape)
            }
        }

        @Test("/metrics answers the Prometheus text content type")
        func contentType() async throws {
            let (_, metrics, scrape) = try await Self.knownTraffic()
            #expect(scrape.status == .ok)
            #expect(scrape.headers[.contentType] == Self.contentType)
            #expect(metrics.types["http_server_duration_milliseconds"] == "histogram")
            #expect(metrics.types["http_server_response_size_bytes"] == "histogram")
            #expect(metrics.types["http_server_request_size_bytes"] == "histogram")
            #expect(metrics.types["http_server_active_requests"] == "gauge")
            #expect(metrics.types["my_count_total"] == "counter")
            #expect(metrics.types["my_duration_milliseconds"] == "histogram")
            #expect(metrics.types["my_value"] == "gauge")
        }

        @Test("the traffic sanity: the tally holds the statuses the contract promises")
        func trafficShape() async throws {
            let (tally, _, _) = try await Self.knownTraffic()
            let counts = tally.requests.mapValues(\.count)
            #expect(counts[SeriesKey(method: "GET", status: 200, target: "/showcase/count/{label}")] == 3)
            #expect(counts[SeriesKey(method: "POST", status: 304, target: "/scenario/{alias}")] == 2)
            #expect(counts[SeriesKey(method: "POST", status: 409, target: "/scenario/{alias}")] == 1)
            #expect(counts[SeriesKey(method: "GET", status: 200, target: "/scenario/do_something")] == 10)
            #expect(counts[SeriesKey(method: "GET", status: 429, target: "/scenario/do_something")] == 2)
            #expect(counts[SeriesKey(method: "GET", status: 404, target: nil)] == 1)
            #expect(counts[SeriesKey(method: "GET", status: 405, target: "/showcase/gauge")] == 1)
        }

        @Test(
            "duration and response size: one series per method, status and route template, counts as sent",
            arguments: ["http_server_duration_milliseconds", "http_server_response_size_bytes"])
        func seriesAndCounts(_ family: String) async throws {
            let (tally, metrics, _) = try await Self.knownTraffic()
            let samples = metrics.series(family + "_count")
            var seen: [SeriesKey: Double] = [:]
            for sample in samples {
                let key = SeriesKey(sample)
                #expect(seen[key] == nil, "duplicate series \(sample)")
                seen[key] = sample.value
            }
            #expect(Set(seen.keys) == Set(tally.requests.keys), "series \(family)")
            for (key, expected) in tally.requests {
                #expect(seen[key] == Double(expected.count), "\(family)_count \(key)")
            }
        }

        @Test("every HTTP series carries exactly the original's labels; 404s carry no http_target")
        func labelSets() async throws {
            let (_, metrics, _) = try await Self.knownTraffic()
            for family in ["http_server_duration_milliseconds", "http_server_response_size_bytes", "http_server_request_size_bytes"] {
                let samples = metrics.series(family + "_count")
                #expect(!samples.isEmpty, "\(family)")
                for sample in samples {
                    let expected = sample.label("http_status_code") == "404"
                        ? Self.labelNames.subtracting(["http_target"]) : Self.labelNames
                    #expect(sample.labelNames == expected, "\(sample)")
                    #expect(sample.labels.count == expected.count, "repeated label in \(sample)")
                    #expect(sample.label("http_flavor") == "1.1")
                    #expect(sample.label("http_scheme") == "http")
                    #expect(sample.label("http_host") == "\(Fixtures.host):\(Fixtures.port)")
                    #expect(sample.label("net_host_port") == String(Fixtures.port))
                    #expect(sample.label("http_server_name") == Fixtures.routerAuthority)
                    if let target = sample.label("http_target") {
                        #expect(target.hasPrefix("/") && !target.contains("%"), "raw path as target: \(sample)")
                    }
                }
            }
        }

        @Test(
            "buckets are exactly the OpenTelemetry defaults, cumulative, ending in _count",
            arguments: ["http_server_duration_milliseconds", "http_server_response_size_bytes", "http_server_request_size_bytes"])
        func buckets(_ family: String) async throws {
            let (_, metrics, _) = try await Self.knownTraffic()
            for series in metrics.series(family + "_count") {
                let wanted = Dictionary(uniqueKeysWithValues: series.labels.map { ($0.name, $0.value) })
                #expect(metrics.bucketBounds(family, wanted) == Self.httpBuckets, "\(series)")
                let counts = metrics.series(family + "_bucket", wanted).map(\.value)
                #expect(counts == counts.sorted(), "not cumulative: \(series)")
                #expect(counts.last == series.value, "+Inf bucket differs from _count: \(series)")
            }
        }

        @Test("durations are whole milliseconds and include the handler's sleep")
        func durations() async throws {
            let (_, metrics, _) = try await Self.knownTraffic()
            for sum in metrics.series("http_server_duration_milliseconds_sum") {
                #expect(sum.value == sum.value.rounded() && sum.value >= 0, "\(sum)")
            }
            // Each allowed do_something sleeps at least the configured 1 ms.
            let allowed = metrics.value(
                "http_server_duration_milliseconds_sum",
                ["http_target": "/scenario/do_something", "http_status_code": "200"])
            #expect((allowed ?? 0) >= 10)
        }

        @Test("response size sums are the body bytes really sent (0 for 304)")
        func responseSizes() async throws {
            let (tally, metrics, _) = try await Self.knownTraffic()
            for (key, expected) in tally.requests {
                let sums = metrics.series("http_server_response_size_bytes_sum").filter { SeriesKey($0) == key }
                #expect(sums.map(\.value) == [Double(expected.bytes)], "\(key)")
            }
            let notModified = metrics.series("http_server_response_size_bytes_sum", ["http_status_code": "304"])
            #expect(notModified.map(\.value) == [0])
        }

        @Test("request size is recorded only for requests with a body")
        func requestSizes() async throws {
            let (tally, metrics, _) = try await Self.knownTraffic()
            let counts = metrics.series("http_server_request_size_bytes_count")
            #expect(Set(counts.map(SeriesKey.init)) == Set(tally.requestBodies.keys))
            #expect(tally.requestBodies.keys.map(\.description) == ["PUT 200 /showcase/gauge"])
            for (key, expected) in tally.requestBodies {
                let labels = ["http_method": key.method, "http_status_code": String(key.status), "http_target": key.target ?? ""]
                #expect(metrics.value("http_server_request_size_bytes_count", labels) == Double(expected.count))
                #expect(metrics.value("http_server_request_size_bytes_sum", labels) == Double(expected.bytes))
            }
        }

        @Test("active requests: no status or target labels, and only the scrape itself is in flight")
        func activeRequests() async throws {
            let (_, metrics, _) = try await Self.knownTraffic()
            let active = metrics.series("http_server_active_requests")
            #expect(Set(active.compactMap { $0.label("http_method") }) == ["GET", "PUT", "POST"])
            for sample in active {
                #expect(sample.labelNames == ["http_flavor", "http_host", "http_method", "http_scheme", "http_server_name"], "\(sample)")
                #expect(sample.value == (sample.label("http_method") == "GET" ? 1 : 0), "\(sample)")
            }
        }

        @Test("showcase metrics: my_count_total, my_duration_milliseconds, my_value")
        func showcaseMetrics() async throws {
            let (_, metrics, _) = try await Self.knownTraffic()
            #expect(metrics.value("my_count_total", ["my_label": "a"]) == 2)
            #expect(metrics.value("my_count_total", ["my_label": "with space"]) == 1)
            #expect(metrics.series("my_count_total").count == 2)
            #expect(metrics.value("my_duration_milliseconds_count") == 3)
            #expect(metrics.value("my_duration_milliseconds_sum") == 795)
            #expect(metrics.bucketBounds("my_duration_milliseconds", [:]) == Self.myDurationBuckets)
            let cumulative = metrics.series("my_duration_milliseconds_bucket").map(\.value)
            #expect(Array(cumulative.prefix(3)) == [1, 2, 3])
            #expect(cumulative.last == 3)
            #expect(metrics.value("my_value") == 42)
        }

        @Test("Host headers past the budget are folded into one 'other' series")
        func serverNameBudget() throws {
            let metricsUnderTest = Fixtures.runtime().metrics
            for index in 0..<(InstanceMetrics.maxServerNames + 20) {
                metricsUnderTest.recordRequest(
                    method: "GET", serverName: "host-\(index)", statusCode: 200, target: "/scenario/health",
                    milliseconds: 1, requestBytes: nil, responseBytes: 10)
            }
            let metrics = try Exposition(String(decoding: metricsUnderTest.render(), as: UTF8.self))
            let names = metrics.series("http_server_duration_milliseconds_count").compactMap { $0.label("http_server_name") }
            #expect(names.count == InstanceMetrics.maxServerNames + 1)
            #expect(metrics.value("http_server_duration_milliseconds_count", ["http_server_name": "other"]) == 20)
        }

        @Test(
            "promtool finds nothing but the expected unit and camelCase lints",
            .enabled(if: ExternalRequirement.shouldRun(ExternalRequirement.executable(named: "promtool") != nil), "needs promtool"))
        func promtoolCheck() async throws {
            let promtool = try #require(ExternalRequirement.executable(named: "promtool"), "promtool is not on PATH")
            let (_, _, scrape) = try await Self.knownTraffic()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: promtool)
            process.arguments = ["check", "metrics"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data(scrape.text.utf8))
            try input.fileHandleForWriting.close()
            let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let allowed = [#"use base unit "seconds" instead of "milliseconds""#, "should be written in 'snake_case' not 'camelCase'"]
            let unexpected = report.split(separator: "\n").filter { line in
                !allowed.contains { line.contains($0) }
            }
            #expect(unexpected.isEmpty, "promtool: \(unexpected.joined(separator: "\n"))")
        }
    }
}
