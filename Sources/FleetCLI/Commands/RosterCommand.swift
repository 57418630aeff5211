import ArgumentParser
import FleetModel
import Foundation

/// `fleet roster`: the class's handout, and new tokens.
struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Print the class's handout: each student's instance, its URLs and their token.",
        discussion: """
            The students of classroom.students (or the classroom.roster file) own the instances \
            in order: the first svc-01, the second svc-02, and so on. Each has a bearer token \
            (128 random bits) that lets them start and stop scenarios on their own instance when \
            classroom.scenario_control is owner (or auto with a roster and a non-loopback \
            classroom.listen). URLs use the classroom.listen address (for 0.0.0.0, the machine's \
            first address other than loopback), else fleet.host.

            Tokens live in <data-dir>/classroom-tokens.json, mode 0600, created by the first \
            `fleet up` or `fleet roster` and kept by `fleet down`, so a class keeps its handout \
            for the day. A student added to the roster gets a token; the others keep theirs. \
            --reset-tokens replaces every token, the instructor's too; running instances apply \
            the new ones at their next request. The instructor's token is never part of the \
            handout: --instructor-token prints it alone.
            """)

    @OptionGroup var fleet: FleetOptions

    @Option(help: ArgumentHelp("table (default), csv (for a mail merge) or markdown (for a handout page).", valueName: "format"))
    var format: ClassroomHandout.Format = .table

    @Flag(name: .customLong("reset-tokens"), help: "Replace every token with a new one, then print the handout.")
    var resetTokens = false

    @Flag(name: .customLong("instructor-token"), help: "Print only the instructor's token (for the console, or a Bearer header).")
    var instructorToken = false

    func run() throws {
        let config = try fleet.loadConfig()
        let roster = config.classroomRoster
        let tokens: ClassroomTokens
        do {
            tokens = resetTokens
                ? try ClassroomTokens.reset(at: config.classroomTokensPath, roster: roster)
                : try ClassroomTokens.loadOrCreate(at: config.classroomTokensPath, roster: roster)
        } catch let failure as SecretFile.Failure {
            throw CLIErrors.Failure(message: failure.description)
        }
        if instructorToken {
            print(tokens.instructor)
            return
        }
        if roster.isEmpty {
            FileHandle.standardError.write(Data(
                "no students: list them in classroom.students or a classroom.roster file of \(fleet.resolvedConfigPath ?? "fleet.yaml")\n".utf8))
        }
        let handout = ClassroomHandout(config: config, tokens: tokens, prometheus: config.prometheus.enabled != .disabled)
        print(handout.render(format), terminator: "")
    }
}

/// `--format table|csv|markdown` of `fleet roster`.
extension ClassroomHandout.Format: ExpressibleByArgument {}
