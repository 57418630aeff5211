import Hummingbird

/// `/metrics`, `/openapi.json` and `/docs`.
struct DocumentRoutes<Context: RequestContext> {
    let runtime: InstanceRuntime

    /// Prometheus 3 refuses scrapes without a valid exposition content type.
    static var metricsContentType: String { "text/plain; version=0.0.4; charset=utf-8" }

    func register(on router: Router<Context>) {
        router.get("/metrics") { _, _ in
            let bytes = runtime.metrics.render()
            return Self.response(bytes, contentType: Self.metricsContentType)
        }
        router.get("/openapi.json") { _, _ in
            Self.response(Array(OpenAPIDocument.json.utf8), contentType: "application/json")
        }
        router.get("/docs") { _, _ in
            Self.response(Array(DocsPage.html.utf8), contentType: "text/html; charset=utf-8")
        }
    }

    private static func response(_ bytes: [UInt8], contentType: String) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(
            status: .ok, headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: buffer))
    }
}
