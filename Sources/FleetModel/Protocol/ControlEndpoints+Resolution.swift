import Foundation

extension FleetConfig {
    /// The command endpoint: configured, else `ipc://<data_dir>/control.sock`.
    public var commandEndpoint: String { supervisor.control.command ?? ipcEndpoint("control.sock") }
    /// The event endpoint: configured, else `ipc://<data_dir>/events.sock`.
    public var eventsEndpoint: String { supervisor.control.events ?? ipcEndpoint("events.sock") }
    /// The instance link endpoint: configured, else `ipc://<data_dir>/instances.sock`.
    public var instancesEndpoint: String { supervisor.control.instances ?? ipcEndpoint("instances.sock") }

    /// ipc sockets inside the data folder: two fleets with different folders never collide, and
    /// nothing listens on the network.
    private func ipcEndpoint(_ name: String) -> String {
        "ipc://" + (fleet.dataDir as NSString).appendingPathComponent(name)
    }

    /// The instance's data folder, `<data_dir>/<id>`.
    public func dataDirectory(ofInstance id: String) -> String {
        (fleet.dataDir as NSString).appendingPathComponent(id)
    }
}
