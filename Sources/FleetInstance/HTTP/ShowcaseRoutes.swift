import Hummingbird

/// `/showcase/...`: the endpoints that feed the showcase metrics.
struct ShowcaseRoutes<Context: RequestContext> {
    let runtime: InstanceRuntime
    /// Bodies larger than this are refused with 413 before they are read into memory.
    static var maxBodyBytes: Int { 64 * 1024 }

    func register(on router: Router<Context>) {
        // Each handler first applies scenario4/5's fault, if one is in force.
        router.get("/showcase/count/{label}") { _, context in
            try await runtime.faults.apply()
            let label = context.parameters.get("label").map(PathParameter.decode) ?? ""
            guard runtime.metrics.countEvent(label: label) else {
                throw APIError.detail(
                    .badRequest, "Too many distinct labels: at most \(InstanceMetrics.maxCountLabels) are kept")
            }
            return JSONResponse.ok
        }
        router.get("/showcase/duration/{length_ms}") { _, context in
            try await runtime.faults.apply()
            let raw = context.parameters.get("length_ms").map(PathParameter.decode) ?? ""
            let location: [JSONValue] = [.string("path"), .string("length_ms")]
            switch LaxInteger.parse(raw) {
            case .value(let milliseconds):
                runtime.metrics.recordDuration(milliseconds: milliseconds)
                return JSONResponse.ok
            case .fractional, .notParsable, .wrongType:
                throw APIError.validation([.intParsing(location, input: .string(raw))])
            }
        }
        router.put("/showcase/gauge") { request, context in
            try await runtime.faults.apply()
            let value = try await Self.gaugeValue(from: request)
            runtime.metrics.setValue(value)
            return JSONResponse.ok
        }
    }

    /// Reads and validates `GaugeData` (`{"value": <int>}`) the way FastAPI and pydantic do.
    static func gaugeValue(from request: Request) async throws -> Double {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.detail(.contentTooLarge, "Request body too large: at most \(maxBodyBytes) bytes")
        }
        let text = String(buffer: buffer)
        guard !text.isEmpty else { throw APIError.validation([.missing([.string("body")])]) }
        let body: JSONValue
        do {
            body = try JSONParser.parse(text)
        } catch {
            throw APIError.validation([.jsonInvalid(position: error.position, error: error.message)])
        }
        switch body {
        case .null:
            throw APIError.validation([.missing([.string("body")])])
        case .object:
            let location: [JSONValue] = [.string("body"), .string("value")]
            guard let field = body["value"] else { throw APIError.validation([.missing(location, input: body)]) }
            switch LaxInteger.validate(field) {
            case .value(let value): return value
            case .notParsable: throw APIError.validation([.intParsing(location, input: field)])
            case .fractional: throw APIError.validation([.intFromFloat(location, input: field)])
            case .wrongType: throw APIError.validation([.intType(location, input: field)])
            }
        default:
            throw APIError.validation([.modelAttributesType(input: body)])
        }
    }
}
