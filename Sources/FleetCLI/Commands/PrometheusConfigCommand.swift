import ArgumentParser
import FleetModel
import FleetSupervisor
import Foundation

/// `fleet prometheus-config`.
struct PrometheusConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prometheus-config",
        abstract: "Write a prometheus.yml and a file_sd targets file for the fleet.",
        discussion: """
            Every instance is a target labelled instance="svc-NN", fleet="<name>", and the zone \
            and version of topology: (job fleet-instances); the supervisor's metrics are job \
            fleet-supervisor, the traffic generator's job fleet-traffic. `fleet up` \
            writes the same files into <data-dir>/prometheus when it runs Prometheus itself.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("Folder for prometheus.yml and instances.json (default: <data-dir>/prometheus).", valueName: "dir"))
    var out: String?

    func run() throws {
        let config = try fleet.loadConfig()
        let directory = FleetOptions.absolutePath(out ?? config.prometheusDirectory)
        let files = PrometheusConfiguration(config: config, directory: directory)
        try files.write(ruleFiles: RuleFiles.existing(config.prometheus.ruleFiles))
        print("wrote \(files.configPath)\nwrote \(files.targetsPath)")
    }
}

/// The configured rule files that exist; the others are reported and skipped.
enum RuleFiles {
    static func existing(_ paths: [String]) -> [String] {
        paths.filter { path in
            let exists = FileManager.default.fileExists(atPath: path)
            if !exists { FileHandle.standardError.write(Data("warning: rule file \(path) not found; skipped\n".utf8)) }
            return exists
        }
    }
}
