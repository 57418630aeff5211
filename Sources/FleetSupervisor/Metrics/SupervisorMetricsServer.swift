import FleetHTTPServer
import Hummingbird
import Logging

/// Serves the supervisor's `/metrics` on the fleet's host.
enum SupervisorMetricsServer {
    static func makeApplication(metrics: SupervisorMetrics, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ in
            let bytes = metrics.registry.emitToBuffer()
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .contentLength: String(bytes.count)],
                body: ResponseBody(byteBuffer: buffer))
        }
        return QuietApplication(router: router, addresses: [.hostname(host, port: port)], logger: logger)
    }
}
