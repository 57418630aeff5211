import FleetModel
import Hummingbird

/// Records the OpenTelemetry-style HTTP server metrics of the original service.
///
/// Hummingbird's own `MetricsMiddleware` uses other names and labels; students' queries use
/// these: `http_server_duration_milliseconds`, `http_server_response_size_bytes`,
/// `http_server_request_size_bytes` and `http_server_active_requests`, with `http_target` the
/// *route template* and `http_status_code` the answered status.
///
/// Place it outermost so that what it records is what the client received, including the JSON
/// error answers made by `ErrorResponseMiddleware`.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: InstanceMetrics

    public init(metrics: InstanceMetrics) {
        self.metrics = metrics
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        let serverName = request.head.authority ?? ""
        let active = metrics.beginRequest(method: method, serverName: serverName)
        let requestBytes = request.headers[.contentLength].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorResponseMiddleware answers everything; this is the last line of defence.
            metrics.endRequest(active)
            throw error
        }
        let status = Int(response.status.code)
        let responseBytes = response.body.contentLength ?? response.headers[.contentLength].flatMap(Int.init) ?? 0
        let metrics = self.metrics
        let record: @Sendable () -> Void = {
            // Whole milliseconds, as the OpenTelemetry instrumentation records them.
            let milliseconds = (ContinuousClock.now - start).fractionalMilliseconds.rounded()
            metrics.recordRequest(
                method: method, serverName: serverName, statusCode: status, target: context.endpointPath,
                milliseconds: milliseconds, requestBytes: requestBytes, responseBytes: responseBytes)
            metrics.endRequest(active)
        }
        // The duration ends when the body is written, as the original's instrumentation measures.
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            do {
                try await body.write(writer)
            } catch {
                record()
                throw error
            }
            record()
        }
        return response
    }
}
