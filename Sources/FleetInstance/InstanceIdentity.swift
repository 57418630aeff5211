/// Who and where one instance is.
public struct InstanceIdentity: Sendable, Equatable {
    /// `svc-01` … ; the `instance` label students see in Prometheus.
    public var id: String
    /// Bind address (loopback).
    public var host: String
    public var port: Int
    /// The instance's own folder: its simulated disk. Created at start, emptied on stop.
    public var dataDirectory: String
    /// Every address the HTTP API binds: `host`, and the classroom's `listen` address if any
    /// (``FleetModel/FleetConfig/listenHosts``); probes and scrapes use `host`.
    public var listenHosts: [String]

    public init(id: String, host: String, port: Int, dataDirectory: String, listenHosts: [String]? = nil) {
        self.id = id
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.listenHosts = listenHosts ?? [host]
    }
}
