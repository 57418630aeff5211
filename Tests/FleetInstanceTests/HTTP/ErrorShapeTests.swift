import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// Bad input never ends in a 500 or a non-JSON page: every refusal is `{"detail": ...}`.
    @Suite("Error shapes and bad input")
    struct ErrorShapeTests {
        /// One concrete path per declared route, and the method its route allows.
        static let routes: [(path: String, allowed: String)] = [
            ("/showcase/count/x", "GET"),
            ("/showcase/duration/5", "GET"),
            ("/showcase/gauge", "PUT"),
            ("/scenario/health", "GET"),
            ("/scenario/do_something", "GET"),
            ("/scenario/scenario1", "GET"),
            ("/metrics", "GET"),
            ("/openapi.json", "GET"),
            ("/docs", "GET"),
        ]

        @Test("a wrong method on any route is 405 JSON with the route's allow header")
        func wrongMethods() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let methods: [HTTPRequest.Method] = [.delete, .patch, .post, .put, HTTPRequest.Method("FOO")!]
                for (path, allowed) in Self.routes {
                    // POST /scenario/<one segment> is the scenario control route itself.
                    let routedPost = path.hasPrefix("/scenario/")
                    for method in methods where method.rawValue != allowed && !(routedPost && method == .post) {
                        let response = try await client.send(method, path)
                        #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                        #expect(response.text == #"{"detail":"Method Not Allowed"}"#, "\(method) \(path)")
                        #expect(response.headers[.allow] == allowed, "\(method) \(path)")
                        expectJSONError(response, "\(method) \(path)")
                    }
                }
            }
        }

        @Test("no route at all is 404 JSON", arguments: ["/nonexistent", "/", "/scenario", "/showcase/count", "/showcase/count/a/b", "/metrics/x"])
        func notFound(_ path: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                for method: HTTPRequest.Method in [.get, .post, .delete] {
                    let response = try await client.send(method, path)
                    #expect(response.status == .notFound, "\(method) \(path)")
                    #expect(response.text == #"{"detail":"Not Found"}"#)
                    #expect(response.headers[.allow] == nil)
                    expectJSONError(response, "\(method) \(path)")
                }
            }
        }

        @Test("a body over 64 KiB is refused with 413 JSON, and the gauge keeps its value")
        func hugeBody() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let padding = String(repeating: " ", count: 70 * 1024)
                let response = try await client.send(.put, "/showcase/gauge", body: #"{"value": 3}"# + padding)
                #expect(response.status == .contentTooLarge)
                expectJSONError(response, "70 KiB body")
                // Just under the limit is read and accepted.
                let fits = String(repeating: " ", count: 64 * 1024 - 20)
                let accepted = try await client.send(.put, "/showcase/gauge", body: #"{"value": 4}"# + fits)
                #expect(accepted.status == .ok)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_value") == 4)
            }
        }

        @Test("deeply nested JSON is 422 json_invalid, not a crash")
        func deeplyNestedJSON() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                // All under the 64 KiB body limit, so they reach the parser.
                let bodies = [
                    String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000),
                    #"{"value":"# + String(repeating: "{\"a\":", count: 12_000),
                    String(repeating: "[", count: 65_000),
                ]
                for body in bodies {
                    #expect(body.utf8.count < 64 * 1024)
                    let response = try await client.send(.put, "/showcase/gauge", body: body)
                    #expect(response.status == .unprocessableContent)
                    expectJSONError(response, "nested body")
                    #expect(response.firstIssue?["type"] as? String == "json_invalid")
                    #expect((response.firstIssue?["loc"] as? [Any])?.first as? String == "body")
                }
            }
        }

        @Test("bodies that are not JSON objects", arguments: [
            "[1]", "5", "null", "true", #""value""#, "[]", "{}", #"{"value":{}}"#, "\u{FEFF}{\"value\":1}",
            #"{"value":1e400}"#, #"{"value":NaN}"#, #"{"value":-Infinity}"#, #"{"value":123456789012345678901234567890}"#,
            #"{"value":"\ud800"}"#,
        ])
        func nonObjectBodies(_ body: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.put, "/showcase/gauge", body: body)
                #expect(response.status.code < 500, "\(body): \(response.status)")
                if response.status == .ok {
                    #expect(response.text == #"{"status":"ok"}"#)
                } else {
                    expectJSONError(response, body)
                }
            }
        }

        @Test("bytes that are not UTF-8 are refused as JSON, never a 500")
        func invalidUTF8() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                for bytes: [UInt8] in [[0xFF, 0xFE, 0x00], [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], [0x00]] {
                    let response = try await client.send(.put, "/showcase/gauge", bytes: bytes)
                    expectJSONError(response, "\(bytes)")
                }
            }
        }

        @Test("weird paths are answered with JSON refusals")
        func weirdPaths() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let long = String(repeating: "a", count: 8_000)
                let refused: [(HTTPRequest.Method, String)] = [
                    (.get, "/scenario/%ZZ"),
                    (.post, "/scenario/%ZZ?action=start"),
                    (.get, "/scenario/%"),
                    (.get, "/scenario/\(long)"),
                    (.post, "/scenario/\(long)?action=stop"),
                    (.post, "/scenario/scenario1?action=\(long)"),
                    (.post, "/scenario/scenario1?action=%ZZ"),
                    (.get, "/showcase/duration/\(long)"),
                    (.get, "/showcase/duration/%ZZ"),
                ]
                for (method, uri) in refused {
                    let response = try await client.send(method, uri)
                    expectJSONError(response, "\(method) \(uri.prefix(80))")
                }
                let unknown = try await client.send(.get, "/scenario/%ZZ")
                #expect(unknown.text == #"{"detail":"Unknown scenario '%ZZ'"}"#)
                // A long or odd label is still a label: counted, answered with JSON.
                for uri in ["/showcase/duration/99999999999999999999999999", "/showcase/count/\(long)", "/showcase/count/%ZZ", "/showcase/count/%00", "/showcase/count/a%22%7D%201%0Aevil_metric%202"] {
                    let response = try await client.send(.get, uri)
                    #expect(response.status.code < 500, "\(uri.prefix(80))")
                    #expect(response.jsonObject != nil, "\(uri.prefix(80))")
                }
                // ...and the exposition stays parseable: the quote and newline are escaped, not injected.
                let metricsResponse = try await client.send(.get, "/metrics")
                let metrics = try Exposition(metricsResponse.text)
                #expect(metrics.series("evil_metric").isEmpty)
                #expect(metrics.value("my_count_total", ["my_label": "a\"} 1\nevil_metric 2"]) == 1)
                #expect(metrics.value("my_count_total", ["my_label": long]) == 1)
            }
        }

        @Test("the label budget: distinct labels past the limit are refused with 400 JSON")
        func labelBudget() async throws {
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for index in 0..<InstanceMetrics.maxCountLabels {
                    let response = try await client.send(.get, "/showcase/count/l\(index)")
                    if response.status != .ok {
                        Issue.record("label \(index): \(response.status)")
                        return
                    }
                }
                let refused = try await client.send(.get, "/showcase/count/one-too-many")
                #expect(refused.status == .badRequest)
                expectJSONError(refused, "label over budget")
                // Known labels still count.
                let known = try await client.send(.get, "/showcase/count/l7")
                #expect(known.status == .ok)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.series("my_count_total").count == InstanceMetrics.maxCountLabels)
                #expect(metrics.value("my_count_total", ["my_label": "l7"]) == 2)
            }
        }
    }
}
