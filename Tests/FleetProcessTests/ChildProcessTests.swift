import Foundation
import Testing
@testable import FleetProcess
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ChildProcessTests {
    @Test func aSpawnedChildIsReapedWithItsExitStatus() async throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "exit 7"])
        var termination: ChildProcess.Termination?
        let deadline = ContinuousClock.now + .seconds(5)
        while termination == nil, ContinuousClock.now < deadline {
            termination = ChildProcess.reap(pid)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(termination == .exited(7))
    }

    @Test func aSignalledChildReportsTheSignal() async throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sleep", arguments: ["30"])
        #expect(ChildProcess.reap(pid) == nil, "still running")
        #expect(ChildProcess.send(SIGKILL, to: pid))
        var termination: ChildProcess.Termination?
        let deadline = ContinuousClock.now + .seconds(5)
        while termination == nil, ContinuousClock.now < deadline {
            termination = ChildProcess.reap(pid)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(termination == .signalled(SIGKILL))
    }

    /// The supervisor peeks before reaping its 200 children one by one; the peek must leave the
    /// ended child (and its exit status) to `reap`.
    @Test func peekingAtEndedChildrenLeavesThemToBeReaped() async throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sh", arguments: ["-c", "exit 7"])
        let deadline = ContinuousClock.now + .seconds(5)
        while !ProcessState.isZombie(pid), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(ProcessState.isZombie(pid))
        #expect(ChildProcess.mayHaveEndedChild)
        #expect(ProcessState.isZombie(pid), "the peek must not reap")
        #expect(ChildProcess.reap(pid) == .exited(7))
    }

    @Test func aMissingExecutableIsAClearError() {
        #expect(throws: ChildProcess.SpawnError.self) {
            _ = try ChildProcess.spawn(executable: "/nonexistent/fleet", arguments: [])
        }
    }

    /// The supervisor ignores SIGTERM to handle it itself; its children must not inherit that.
    @Test func childrenGetDefaultSignalHandlingAndNoInheritedDescriptors() async throws {
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        let descriptor = open("/dev/null", O_RDONLY)  // no O_CLOEXEC on purpose
        defer { close(descriptor) }
        let output = NSTemporaryDirectory() + "fleetsim-child-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let pid = try ChildProcess.spawn(
            executable: "/bin/sh",
            arguments: ["-c", "grep SigIgn /proc/self/status > \(output); ls /proc/self/fd | wc -l >> \(output)"])
        let deadline = ContinuousClock.now + .seconds(5)
        while ChildProcess.reap(pid) == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        let ignored = UInt64(lines[0].split(separator: "\t").last ?? "", radix: 16) ?? .max
        #expect(ignored & (1 << (UInt64(SIGTERM) - 1)) == 0, "SIGTERM must not be ignored in the child")
        // stdin, stdout, stderr, plus the one `ls` opens for /proc/self/fd.
        #expect(Int(lines[1].trimmingCharacters(in: .whitespaces)) ?? 99 <= 4)
    }
}
