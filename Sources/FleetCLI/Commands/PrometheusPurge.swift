import FleetModel
import FleetSupervisor

/// `fleet down --purge`: deleting the fleet's Prometheus data on purpose.
enum PrometheusPurge {
    /// Deletes the data if no supervisor holds the data folder; `false` (nothing done) when one
    /// does, so `fleet down` stops it first and purges afterwards.
    static func purgeIfStopped(_ config: FleetConfig) throws -> Bool {
        do {
            try purge(config, note: "fleet '\(config.fleet.name)' is not running; ")
            return true
        } catch is FleetLock.LockError {
            return false
        }
    }

    /// Deletes `<data-dir>/prometheus` under the fleet's lock and says what it did.
    static func purge(_ config: FleetConfig, note: String = "") throws {
        let folder = PrometheusDataFolder(config: config)
        let existed = try folder.purge(config: config)
        print(note + (existed ? "Prometheus data deleted: \(folder.directory)" : "no Prometheus data at \(folder.directory)"))
    }
}
