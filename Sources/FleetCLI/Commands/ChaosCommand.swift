import ArgumentParser
import FleetChaos
import FleetModel
import FleetClient
import Foundation

/// `fleet chaos …`: seeded surprise failures and the instructor's answer key.
struct ChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Plan, run, reveal and grade seeded random failures across the fleet.",
        discussion: """
            A plan is a schedule of injections (time offset, instance, scenario, hold) drawn from \
            the chaos: section of the configuration and a seed: the same seed and configuration \
            give the same plan on any machine. Every injection applied or skipped is written to \
            <data-dir>/chaos-journal.jsonl, the answer key, which no instance serves.
            """,
        subcommands: [ChaosPlanCommand.self, ChaosRunCommand.self, ChaosStopCommand.self, ChaosRevealCommand.self, ChaosGradeCommand.self])
}

/// `--seed` and `--duration`, shared by plan and run.
struct ChaosPlanOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The plan's seed (default: chaos.seed, else a fresh one, printed).", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("The run's length, e.g. 30m (default: chaos.duration).", valueName: "duration"))
    var duration: String?

    func parsedDuration() throws -> Duration? {
        guard let duration else { return nil }
        do {
            let value = try DurationSyntax.parse(duration)
            guard value > .zero else { throw ValidationError("--duration must be positive") }
            guard value <= ChaosSettings.maxDuration else { throw ValidationError("--duration must be at most 7d") }
            return value
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("--duration: \(error)")
        }
    }
}

/// `fleet chaos plan`.
struct ChaosPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the chaos schedule without running anything.",
        discussion: "One injection a line: time offset, instance, scenario (failure mode), hold time.")

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var plan: ChaosPlanOptions

    func run() throws {
        let config = try fleet.loadConfig()
        let seed = plan.seed ?? config.chaos.seed ?? ChaosPlanner.freshSeed()
        let duration = try plan.parsedDuration()
        if let problem = config.chaos.planSizeProblem(duration: duration ?? config.chaos.duration) {
            throw ValidationError("--duration: \(problem)")
        }
        let chaosPlan = ChaosPlanner.plan(settings: config.chaos, instanceIDs: config.instanceIDs, seed: seed, duration: duration)
        print(ChaosPlanner.render(chaosPlan), terminator: "")
    }
}

/// `fleet chaos run`.
struct ChaosRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a chaos plan on the running fleet (in its supervisor).",
        discussion: """
            Returns once the supervisor accepted the plan; the plan then runs until its \
            duration passes, `fleet chaos stop`, or the fleet stops — each of which stops the \
            scenarios it started. Instances a student already put into another scenario are \
            skipped, and the skip recorded.
            """)

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var plan: ChaosPlanOptions

    func run() throws {
        let duration = try plan.parsedDuration()
        let reply = try fleet.send(.chaos(seed: plan.seed, durationMs: duration.map(\.wholeMilliseconds)))
        guard case .chaos(_, let summary) = reply else { throw CLIErrors.Failure(message: "the supervisor did not start chaos") }
        print("chaos running: seed \(summary.seed), \(summary.injections) injections over \(DurationSyntax.format(.milliseconds(summary.durationMs)))")
        print("answer key: \(summary.journal) (`fleet chaos reveal`)")
    }
}

/// `fleet chaos stop`.
struct ChaosStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the running chaos plan and the scenarios it started.")

    @OptionGroup var fleet: FleetOptions

    func run() throws {
        _ = try fleet.send(.chaosStop)
        print("chaos stopped")
    }
}

/// `fleet chaos reveal`.
struct ChaosRevealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal", abstract: "Print the answer key: every injection applied or skipped, with times.")

    @OptionGroup var fleet: FleetOptions

    func run() throws {
        let entries = try ChaosJournal.read(path: try journalPath(fleet))
        print(ChaosJournal.renderReveal(entries), terminator: "")
    }
}

/// The fleet's answer key, `<data-dir>/chaos-journal.jsonl`; an error when no chaos ran.
func journalPath(_ fleet: FleetOptions) throws -> String {
    let path = try fleet.loadConfig().chaosJournalPath
    guard FileManager.default.fileExists(atPath: path) else {
        throw CLIErrors.Failure(message: "no chaos journal at \(path): no chaos has run with this data folder")
    }
    return path
}
