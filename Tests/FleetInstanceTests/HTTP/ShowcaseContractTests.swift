import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// The showcase endpoints answer exactly as the original and feed the showcase metrics.
    @Suite("Showcase endpoints contract")
    struct ShowcaseContractTests {
        typealias Row = ScenarioContractTests.Row

        static let ok = #"{"status":"ok"}"#

        /// The showcase table of http-api.md, in order, with the bodies the original writes.
        static let table: [(row: Row, requestBody: String?)] = [
            (Row(method: .get, uri: "/showcase/count/alpha", status: 200, body: ok), nil),
            (Row(method: .get, uri: "/showcase/duration/250", status: 200, body: ok), nil),
            (Row(method: .get, uri: "/showcase/duration/-3", status: 200, body: ok), nil),
            (Row(method: .get, uri: "/showcase/duration/notanumber", status: 422,
                 body: #"{"detail":[{"type":"int_parsing","loc":["path","length_ms"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"notanumber"}]}"#), nil),
            (Row(method: .put, uri: "/showcase/gauge", status: 200, body: ok), #"{"value": 5}"#),
            (Row(method: .put, uri: "/showcase/gauge", status: 200, body: ok), #"{"value":"7"}"#),
            (Row(method: .put, uri: "/showcase/gauge", status: 422,
                 body: #"{"detail":[{"type":"int_parsing","loc":["body","value"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#),
             #"{"value":"x"}"#),
            (Row(method: .put, uri: "/showcase/gauge", status: 422,
                 body: #"{"detail":[{"type":"int_from_float","loc":["body","value"],"msg":"Input should be a valid integer, got a number with a fractional part","input":5.5}]}"#),
             #"{"value":5.5}"#),
            (Row(method: .put, uri: "/showcase/gauge", status: 422,
                 body: #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#), nil),
            (Row(method: .put, uri: "/showcase/gauge", status: 422,
                 body: #"{"detail":[{"type":"json_invalid","loc":["body",1],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]}"#),
             "{bad"),
            (Row(method: .get, uri: "/showcase/gauge", status: 405, body: #"{"detail":"Method Not Allowed"}"#), nil),
            (Row(method: .get, uri: "/nonexistent", status: 404, body: #"{"detail":"Not Found"}"#), nil),
        ]

        @Test("every row of the showcase table, in order, on a fresh service")
        func contractTableInOrder() async throws {
            let runtime = Fixtures.runtime()
            try await Fixtures.application(runtime).test(.router) { client in
                for (row, requestBody) in Self.table {
                    let response = try await client.send(row.method, row.uri, body: requestBody)
                    ScenarioContractTests.check(response, row)
                    if row.status == 405 {
                        #expect(response.headers[.allow] == "PUT")
                    }
                }
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_count_total", ["my_label": "alpha"]) == 1)
                // The last accepted value was the string "7"; refused bodies left it alone.
                #expect(metrics.value("my_value") == 7)
                #expect(metrics.value("my_duration_milliseconds_count") == 2)
                #expect(metrics.value("my_duration_milliseconds_sum") == 247)
            }
        }

        @Test("labels are URL-decoded before they are counted")
        func percentDecodedLabels() async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                for uri in ["/showcase/count/with%20space", "/showcase/count/with%20space", "/showcase/count/%C3%A9t%C3%A9"] {
                    let response = try await client.send(.get, uri)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.text == Self.ok)
                }
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_count_total", ["my_label": "with space"]) == 2)
                #expect(metrics.value("my_count_total", ["my_label": "été"]) == 1)
                #expect(metrics.series("my_count_total", ["my_label": "with%20space"]).isEmpty)
            }
        }

        @Test(
            "gauge bodies pydantic accepts as integers",
            arguments: [
                (#"{"value": 5}"#, 5.0), (#"{"value":"7"}"#, 7), (#"{"value":" 8 "}"#, 8), (#"{"value":"+9"}"#, 9),
                (#"{"value":-4}"#, -4), (#"{"value":"-3"}"#, -3), (#"{"value":"10.0"}"#, 10), (#"{"value":6.0}"#, 6),
                (#"{"value":true}"#, 1), (#"{"other":1,"value":11}"#, 11),
            ])
        func acceptedGaugeBodies(_ body: String, _ expected: Double) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.put, "/showcase/gauge", body: body)
                #expect(response.status == .ok)
                #expect(response.text == Self.ok)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_value") == expected)
            }
        }

        @Test(
            "gauge bodies pydantic refuses, with its type and loc",
            arguments: [
                (#"{"value":"x"}"#, "int_parsing", #"["body","value"]"#),
                (#"{"value":"7.5"}"#, "int_parsing", #"["body","value"]"#),
                (#"{"value":""}"#, "int_parsing", #"["body","value"]"#),
                (#"{"value":5.5}"#, "int_from_float", #"["body","value"]"#),
                (#"{"value":null}"#, "int_type", #"["body","value"]"#),
                (#"{"value":[1]}"#, "int_type", #"["body","value"]"#),
                (#"{}"#, "missing", #"["body","value"]"#),
                (#"{"Value":1}"#, "missing", #"["body","value"]"#),
                (#"[1]"#, "model_attributes_type", #"["body"]"#),
                (#"5"#, "model_attributes_type", #"["body"]"#),
                (#""x""#, "model_attributes_type", #"["body"]"#),
                (#"null"#, "missing", #"["body"]"#),
                ("{bad", "json_invalid", #"["body",1]"#),
                (#"{"value": 5"#, "json_invalid", #"["body",11]"#),
                (#"{"value":5} x"#, "json_invalid", #"["body",12]"#),
                ("   ", "json_invalid", #"["body",3]"#),
            ])
        func refusedGaugeBodies(_ body: String, _ type: String, _ location: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.put, "/showcase/gauge", body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/json")
                let issues = try #require(response.jsonObject?["detail"] as? [[String: Any]], "\(response.text)")
                #expect(issues.count == 1)
                #expect(issues.first?["type"] as? String == type, "\(response.text)")
                let loc = try JSONSerialization.data(withJSONObject: issues.first?["loc"] ?? [])
                #expect(String(decoding: loc, as: UTF8.self) == location, "\(response.text)")
                // The refused value never reaches the gauge.
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_value") == 0)
            }
        }

        @Test("the refused input is echoed back exactly", arguments: [
            (#"{"value":{"a":[1,"b"]}}"#, #"{"detail":[{"type":"int_type","loc":["body","value"],"msg":"Input should be a valid integer","input":{"a":[1,"b"]}}]}"#),
            (#"{"b":1}"#, #"{"detail":[{"type":"missing","loc":["body","value"],"msg":"Field required","input":{"b":1}}]}"#),
            (#"[1,"é"]"#, #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,"é"]}]}"#),
        ])
        func echoedInputs(_ body: String, _ expected: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.put, "/showcase/gauge", body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.text == expected)
            }
        }

        @Test("non-finite gauge values are refused, and their echo stays valid JSON", arguments: [
            (#"{"value":NaN}"#, "NaN"), (#"{"value":Infinity}"#, "Infinity"), (#"{"value":-Infinity}"#, "-Infinity"),
            (#"{"value":1e400}"#, "Infinity"),
        ])
        func nonFiniteGaugeValues(_ body: String, _ echoed: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.put, "/showcase/gauge", body: body)
                #expect(response.status == .unprocessableContent)
                let issue = try #require(response.firstIssue, "not JSON: \(response.text)")
                #expect(issue["loc"] as? [String] == ["body", "value"])
                #expect(issue["input"] as? String == echoed)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_value") == 0)
            }
        }

        @Test(
            "duration path parameters: lax integers accepted, everything else int_parsing",
            arguments: [
                ("0", 0.0), ("9999", 9999), ("-250", -250), ("+12", 12), ("12.0", 12), ("%2012%20", 12),
            ])
        func durationAccepted(_ raw: String, _ recorded: Double) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.get, "/showcase/duration/\(raw)")
                #expect(response.status == .ok, "\(raw): \(response.text)")
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_duration_milliseconds_count") == 1)
                #expect(metrics.value("my_duration_milliseconds_sum") == recorded)
            }
        }

        @Test("duration path parameters that are not integers", arguments: ["1.5", "abc", "1e3", "0x10", "--1", "%20"])
        func durationRefused(_ raw: String) async throws {
            try await Fixtures.application(Fixtures.runtime()).test(.router) { client in
                let response = try await client.send(.get, "/showcase/duration/\(raw)")
                #expect(response.status == .unprocessableContent)
                let issue = try #require(response.firstIssue, "\(response.text)")
                #expect(issue["type"] as? String == "int_parsing")
                #expect(issue["loc"] as? [String] == ["path", "length_ms"])
                #expect(issue["input"] as? String == raw.removingPercentEncoding)
                let metrics = try Exposition(try await client.send(.get, "/metrics").text)
                #expect(metrics.value("my_duration_milliseconds_count") == 0)
            }
        }
    }
}
