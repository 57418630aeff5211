import FleetHTTPServer
import Hummingbird
import Logging
import NIOCore

/// Serves the generator's `/metrics` on the fleet's host, on the generator's one event loop.
enum TrafficMetricsServer {
    static func makeApplication(
        metrics: TrafficMetrics, host: String, port: Int, group: any EventLoopGroup, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ in
            let bytes = metrics.registry.emitToBuffer()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return QuietApplication(
            router: router, addresses: [.hostname(host, port: port)], logger: logger, eventLoopGroup: group)
    }
}
