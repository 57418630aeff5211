import LoopbackHTTP

/// Asks an instance `GET /scenario/health` over loopback.
enum HealthProbe {
    static func isHealthy(host: String, port: Int) async -> Bool {
        guard let client = try? await LoopbackHTTPClient.connect(host: host, port: port, hostHeader: "\(host):\(port)") else {
            return false
        }
        defer { client.close() }
        return (try? await client.get("/scenario/health")) == 200
    }
}
