import ArgumentParser
import FleetProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `fleet guard`: run a program that must not outlive the supervisor (Prometheus).
///
/// The kernel's parent-death signal survives `execv`, so arming it here and then becoming the
/// program gives a third-party binary the same no-orphans guarantee as an instance.
struct GuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "Run a program that gets SIGTERM when the given parent process dies (used by `fleet up`).",
        shouldDisplay: false)

    @Option(name: .customLong("parent-pid"), help: "The process whose death ends the program.")
    var parentPID: Int32

    @Argument(parsing: .postTerminator, help: "The program and its arguments.")
    var command: [String]

    func run() throws {
        guard let program = command.first else { throw ValidationError("give the program to run after --") }
        guard ParentDeath.arm(expectedParent: parentPID) else {
            throw ExitCode(1)  // the parent is already gone
        }
        let argv = command.map { strdup($0) } + [nil]
        execv(program, argv)
        FileHandle.standardError.write(Data("error: cannot run \(program): \(String(cString: strerror(errno)))\n".utf8))
        throw ExitCode(127)
    }
}
