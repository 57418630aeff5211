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
        let series = metrics.requestSeries(method: request.method.rawValue, serverName: request.head.authority ?? "")
        series.active.increment()
        let requestBytes = request.headers[.contentLength].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorResponseMiddleware answers everything; this is the last line of defence.
            series.active.decrement()
            throw error
        }
        let route = series.route(statusCode: Int(response.status.code), target: context.endpointPath)
        let responseBytes = response.body.contentLength ?? response.headers[.contentLength].flatMap(Int.init) ?? 0
        let record: @Sendable () -> Void = {
            // Whole milliseconds, as the OpenTelemetry instrumentation records them.
            let milliseconds = (ContinuousClock.now - start).fractionalMilliseconds.rounded()
            route.record(milliseconds: milliseconds, requestBytes: requestBytes, responseBytes: responseBytes)
            series.active.decrement()
        }
        // The duration ends when the body has been handed to the server, as the original's
        // instrumentation measures it. Every answer of this service is one buffer of known
        // length (JSON, the documents, /metrics): handing it over is the return from here, so
        // it is recorded now. Wrapping it in a writing closure would also cost Hummingbird's
        // single-write path (head, body and end in one flush instead of three).
        guard response.body.contentLength == nil else {
            record()
            return response
        }
        // A streamed body (none today) ends when its last part is written.
        let body = response.body
        response.body = ResponseBody { writer in
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
