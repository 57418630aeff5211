import Foundation
import Testing
@testable import FleetInstance

/// Checks the two documents the instance serves: `/openapi.json` keeps the original's contract and
/// stays usable by schema-based fuzzers, and `/docs` stays offline.
@Suite("Instance documents")
struct OpenAPIDocumentTests {
    /// The parsed `/openapi.json`; a failure here means the embedded literal is not valid JSON.
    private func document() throws -> [String: Any] {
        let data = Data(OpenAPIDocument.json.utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func operation(_ path: String, _ method: String) throws -> [String: Any] {
        let paths = try #require(try document()["paths"] as? [String: Any])
        let item = try #require(paths[path] as? [String: Any], "missing path \(path)")
        return try #require(item[method] as? [String: Any], "missing \(method) \(path)")
    }

    private func parameter(_ name: String, of operation: [String: Any]) throws -> [String: Any] {
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        return try #require(parameters.first { $0["name"] as? String == name }, "missing parameter \(name)")
    }

    /// Follows a local `$ref` ("#/components/schemas/Name") the way a client would.
    private func resolve(_ schema: [String: Any]) throws -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let prefix = "#/components/schemas/"
        #expect(ref.hasPrefix(prefix))
        let schemas = try #require((try document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        return try #require(schemas[String(ref.dropFirst(prefix.count))] as? [String: Any], "dangling \(ref)")
    }

    @Test func isOpenAPI31WithBothTags() throws {
        let doc = try document()
        #expect(doc["openapi"] as? String == "3.1.0")
        let tags = try #require(doc["tags"] as? [[String: Any]])
        #expect(tags.map { $0["name"] as? String } == ["showcase", "scenario"])
        #expect(tags.map { $0["description"] as? String } == ["APIs for the metric showcase", "APIs for the scenarios"])
    }

    @Test func hasExactlyTheSixPublicOperations() throws {
        let paths = try #require(try document()["paths"] as? [String: Any])
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(operations == [
            "GET /showcase/count/{label}",
            "GET /showcase/duration/{length_ms}",
            "PUT /showcase/gauge",
            "GET /scenario/health",
            "GET /scenario/{alias}",
            "POST /scenario/{alias}",
        ])
        // Hidden in the original, hidden here.
        for hidden in ["/scenario/do_something", "/metrics", "/docs", "/openapi.json"] {
            #expect(paths[hidden] == nil, "\(hidden) must not be documented")
        }
        #expect(!OpenAPIDocument.json.contains("do_something"))
    }

    @Test func everyOperationHasTagSummaryOperationIdAndJSON200() throws {
        let expectations: [(String, String, String)] = [
            ("/showcase/count/{label}", "get", "showcase"),
            ("/showcase/duration/{length_ms}", "get", "showcase"),
            ("/showcase/gauge", "put", "showcase"),
            ("/scenario/health", "get", "scenario"),
            ("/scenario/{alias}", "get", "scenario"),
            ("/scenario/{alias}", "post", "scenario"),
        ]
        var operationIds: Set<String> = []
        for (path, method, tag) in expectations {
            let op = try operation(path, method)
            #expect(op["tags"] as? [String] == [tag])
            #expect((op["summary"] as? String)?.isEmpty == false)
            operationIds.insert(try #require(op["operationId"] as? String))
            let responses = try #require(op["responses"] as? [String: Any])
            let ok = try #require(responses["200"] as? [String: Any])
            #expect((ok["content"] as? [String: Any])?["application/json"] != nil)
        }
        #expect(operationIds.count == expectations.count, "operationIds must be unique")
    }

    @Test func actionIsARequiredQueryEnumOfStartAndStop() throws {
        let action = try parameter("action", of: try operation("/scenario/{alias}", "post"))
        #expect(action["in"] as? String == "query")
        #expect(action["required"] as? Bool == true)
        let schemaRef = try #require(action["schema"] as? [String: Any])
        #expect(schemaRef["$ref"] as? String == "#/components/schemas/Action", "FastAPI emits enums as $ref")
        let schema = try resolve(schemaRef)
        #expect(schema["type"] as? String == "string")
        #expect(schema["enum"] as? [String] == ["start", "stop"])

        let alias = try parameter("alias", of: try operation("/scenario/{alias}", "post"))
        #expect(alias["in"] as? String == "path")
        #expect((alias["schema"] as? [String: Any])?["type"] as? String == "string")
    }

    @Test func pathParameterTypes() throws {
        let length = try parameter("length_ms", of: try operation("/showcase/duration/{length_ms}", "get"))
        #expect(length["in"] as? String == "path")
        #expect(length["required"] as? Bool == true)
        #expect((length["schema"] as? [String: Any])?["type"] as? String == "integer")

        let label = try parameter("label", of: try operation("/showcase/count/{label}", "get"))
        #expect((label["schema"] as? [String: Any])?["type"] as? String == "string")
    }

    @Test func gaugeBodyIsRequiredGaugeDataWithIntegerValue() throws {
        let body = try #require(try operation("/showcase/gauge", "put")["requestBody"] as? [String: Any])
        #expect(body["required"] as? Bool == true)
        let content = try #require(body["content"] as? [String: Any])
        let json = try #require(content["application/json"] as? [String: Any])
        let ref = try #require(json["schema"] as? [String: Any])
        #expect(ref["$ref"] as? String == "#/components/schemas/GaugeData")
        let gaugeData = try resolve(ref)
        #expect(gaugeData["type"] as? String == "object")
        #expect(gaugeData["required"] as? [String] == ["value"])
        let value = try #require((gaugeData["properties"] as? [String: Any])?["value"] as? [String: Any])
        #expect(value["type"] as? String == "integer")
    }

    @Test func validationErrorsAreDocumentedTheFastAPIWay() throws {
        let op = try operation("/showcase/duration/{length_ms}", "get")
        let unprocessable = try #require((op["responses"] as? [String: Any])?["422"] as? [String: Any])
        let schema = try #require(
            ((unprocessable["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(schema["$ref"] as? String == "#/components/schemas/HTTPValidationError")
        let detail = try #require((try resolve(schema)["properties"] as? [String: Any])?["detail"] as? [String: Any])
        #expect(detail["type"] as? String == "array")
        let item = try resolve(try #require(detail["items"] as? [String: Any]))
        #expect(item["required"] as? [String] == ["loc", "msg", "type"])
        let loc = try #require((item["properties"] as? [String: Any])?["loc"] as? [String: Any])
        let anyOf = try #require((loc["items"] as? [String: Any])?["anyOf"] as? [[String: Any]])
        #expect(anyOf.compactMap { $0["type"] as? String } == ["string", "integer"])
    }

    /// Fuzzers check returned status codes against the document, so the scenario operations list
    /// what the service really answers.
    @Test func scenarioOperationsDocumentTheirErrorCodes() throws {
        let post = try #require(try operation("/scenario/{alias}", "post")["responses"] as? [String: Any])
        #expect(Set(post.keys) == ["200", "304", "400", "409", "422"])
        let notModified = try #require(post["304"] as? [String: Any])
        #expect(notModified["content"] == nil, "304 has no body")
        for code in ["400", "409"] {
            let response = try #require(post[code] as? [String: Any])
            let schema = try #require(
                ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
            #expect(schema["$ref"] as? String == "#/components/schemas/HTTPError")
            let httpError = try resolve(schema)
            #expect(httpError["required"] as? [String] == ["detail"])
            #expect(((httpError["properties"] as? [String: Any])?["detail"] as? [String: Any])?["type"] as? String == "string")
        }
        let get = try #require(try operation("/scenario/{alias}", "get")["responses"] as? [String: Any])
        #expect(get["400"] != nil)
    }

    @Test func docsPageIsOfflineAndReadsTheDocument() {
        let html = DocsPage.html
        // No absolute URL of any kind: a classroom may have no internet.
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("//cdn"))
        #expect(html.contains("openapi.json"))
        #expect(html.contains("<title>fleetsim instance — API docs</title>"))
        // Rendering goes through textContent; innerHTML would let response data inject markup.
        #expect(!html.contains("innerHTML"))
    }
}
