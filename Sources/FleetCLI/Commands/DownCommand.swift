import ArgumentParser
import Foundation

/// `fleet down`.
struct DownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Ask the running supervisor to stop the fleet, as Ctrl-C does.",
        discussion: """
            Waits until the supervisor has released the data folder (at most --wait seconds). \
            Prometheus' data (<data-dir>/prometheus) is kept unless prometheus.keep_data is \
            false; --purge deletes it, also for a fleet that is no longer running.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("Seconds to wait for the fleet to be gone.", valueName: "seconds"))
    var wait: Double = 15

    @Flag(help: "Also delete the fleet's Prometheus data (the class's history of its rounds).")
    var purge = false

    func run() throws {
        let config = try fleet.loadConfig()
        if purge, try PrometheusPurge.purgeIfStopped(config) { return }
        _ = try fleet.send(.shutdown)
        let lockPath = config.supervisorLockPath
        let deadline = Date().addingTimeInterval(wait)
        while FileManager.default.fileExists(atPath: lockPath), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if FileManager.default.fileExists(atPath: lockPath) {
            throw CLIErrors.Failure(message: "the supervisor did not stop within \(wait) s")
        }
        print("fleet '\(config.fleet.name)' is down")
        if purge { try PrometheusPurge.purge(config) }
    }
}
