import ArgumentParser
import FleetModel
import FleetSupervisor
import Foundation

/// What every command that talks to a running fleet shares.
extension FleetOptions {
    /// A client of this fleet's command endpoint.
    func client(timeout: Duration = .seconds(10)) throws -> ControlClient {
        ControlClient(endpoint: try loadConfig().commandEndpoint, timeout: timeout)
    }
}

/// Prints per-instance outcomes of a start or stop, one line each.
enum OutcomePrinter {
    static func print(_ reply: ControlReply) {
        var table = TextTable(header: ["INSTANCE", "OUTCOME", "SCENARIO", "ACK"])
        for result in reply.results ?? [] {
            table.append([
                result.instance, result.outcome.rawValue, result.scenario?.rawValue ?? "-",
                result.latencyMs.map { String(format: "%.1f ms", $0) } ?? "-",
            ])
        }
        Swift.print(table.render(), terminator: "")
    }

    /// Outcomes that mean the command did not do what was asked on that instance.
    static func failed(_ reply: ControlReply) -> Bool {
        (reply.results ?? []).contains { [.timeout, .unavailable, .conflict].contains($0.outcome) }
    }
}

/// `fleet status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every instance of the running fleet.",
        discussion: """
            With --json prints {"fleet": name, "instances": [{"id", "url", "pid", "state", \
            "scenario", "restarts"}]} where state is up, starting or down and scenario is null \
            or the running alias.
            """)

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let reply = try CLIErrors.reporting { try fleet.client().send(ControlRequest(type: .status)) }
        let instances = reply.instances ?? []
        if json {
            struct Output: Encodable {
                var fleet: String
                var instances: [InstanceStatus]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(Output(fleet: reply.fleet ?? "", instances: instances))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        var table = TextTable(header: ["ID", "STATE", "SCENARIO", "RESTARTS", "PID", "URL"])
        for instance in instances {
            table.append([
                instance.id, instance.state.rawValue, instance.scenario.map { "\($0.rawValue) (\($0.failureMode))" } ?? "-",
                String(instance.restarts),
                instance.pid.map(String.init) ?? "-", instance.url,
            ])
        }
        print("fleet '\(reply.fleet ?? "")'\n\(table.render())", terminator: "")
    }
}

/// `fleet start <scenario> (--instance <id> … | --all | --random <k>)`.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a scenario on some instances of the running fleet.",
        discussion: """
            Scenarios: \(ScenarioAlias.kindList). \
            Prints one line per instance: started, already_running, conflict (another scenario \
            runs there), timeout or unavailable. Exits 1 when any instance did not start it.
            """)

    @OptionGroup var fleet: FleetOptions

    @Argument(help: ArgumentHelp("One of \(ScenarioAlias.aliasList)."))
    var scenario: String

    @OptionGroup var selection: InstanceSelectionOptions

    func validate() throws {
        guard ScenarioAlias(rawValue: scenario) != nil else {
            throw ValidationError("unknown scenario '\(scenario)'; expected one of \(ScenarioAlias.aliasList)")
        }
        _ = try selection.selection()
    }

    func run() throws {
        let request = ControlRequest(type: .start, scenario: scenario, instances: try selection.selection())
        let reply = try CLIErrors.reporting { try fleet.client().send(request) }
        OutcomePrinter.print(reply)
        if OutcomePrinter.failed(reply) { throw ExitCode(1) }
    }
}

/// `fleet stop <scenario|all> (--instance <id> … | --all)`.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a scenario (or all) on some instances of the running fleet.",
        discussion: """
            Prints one line per instance: stopped, not_running, timeout or unavailable. \
            `fleet stop all --all` returns the whole fleet to health.
            """)

    @OptionGroup var fleet: FleetOptions

    @Argument(help: ArgumentHelp("One of \(ScenarioAlias.aliasList), or all."))
    var scenario: String

    @Option(name: .customLong("instance"), help: ArgumentHelp("An instance id; repeat for several.", valueName: "id"))
    var instances: [String] = []

    @Flag(help: "Every instance of the fleet.")
    var all = false

    func validate() throws {
        guard scenario == "all" || ScenarioAlias(rawValue: scenario) != nil else {
            throw ValidationError("unknown scenario '\(scenario)'; expected one of \(ScenarioAlias.aliasList), or all")
        }
        guard all != !instances.isEmpty else { throw ValidationError("give either --instance <id> … or --all") }
    }

    func run() throws {
        let request = ControlRequest(type: .stop, scenario: scenario, instances: all ? .all : .ids(instances))
        let reply = try CLIErrors.reporting { try fleet.client().send(request) }
        OutcomePrinter.print(reply)
        if OutcomePrinter.failed(reply) { throw ExitCode(1) }
    }
}

/// `--instance <id> … | --all | --random <k>`.
struct InstanceSelectionOptions: ParsableArguments {
    @Option(name: .customLong("instance"), help: ArgumentHelp("An instance id; repeat for several.", valueName: "id"))
    var instances: [String] = []

    @Flag(help: "Every instance of the fleet.")
    var all = false

    @Option(help: ArgumentHelp("k instances chosen at random (idle ones first).", valueName: "k"))
    var random: Int?

    func selection() throws -> InstanceSelection {
        let given = [!instances.isEmpty, all, random != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --instance <id> …, --all or --random <k>") }
        if all { return .all }
        if let random {
            guard random >= 1 else { throw ValidationError("--random needs at least 1") }
            return .random(random)
        }
        return .ids(instances)
    }
}

/// `fleet down`.
struct DownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Ask the running supervisor to stop the fleet, as Ctrl-C does.",
        discussion: "Waits until the supervisor has released the data folder (at most --wait seconds).")

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("Seconds to wait for the fleet to be gone.", valueName: "seconds"))
    var wait: Double = 10

    func run() throws {
        let config = try fleet.loadConfig()
        _ = try CLIErrors.reporting { try fleet.client().send(ControlRequest(type: .shutdown)) }
        let lockPath = (config.fleet.dataDir as NSString).appendingPathComponent("supervisor.lock")
        let deadline = Date().addingTimeInterval(wait)
        while FileManager.default.fileExists(atPath: lockPath), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        if FileManager.default.fileExists(atPath: lockPath) {
            throw CLIErrors.Failure(message: "the supervisor did not stop within \(wait) s")
        }
        print("fleet '\(config.fleet.name)' is down")
    }
}

/// Prints client failures as one clear line and exits non-zero.
enum CLIErrors {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ControlClient.ClientError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
