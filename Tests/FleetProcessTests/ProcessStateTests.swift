import Foundation
import Testing
@testable import FleetProcess
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ProcessStateTests {
    @Test func aStoppedProcessIsSeenStoppedAndAContinuedOneIsNot() async throws {
        let pid = try ChildProcess.spawn(executable: "/bin/sleep", arguments: ["30"])
        defer {
            kill(pid, SIGKILL)
            while ChildProcess.reap(pid) == nil { usleep(1000) }
        }
        #expect(!ProcessState.isStopped(pid))
        kill(pid, SIGSTOP)
        var stopped = false
        for _ in 0..<200 where !stopped {
            stopped = ProcessState.isStopped(pid)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(stopped)
        kill(pid, SIGCONT)
        var running = false
        for _ in 0..<200 where !running {
            running = !ProcessState.isStopped(pid)
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(running)
        #expect(!ProcessState.isStopped(999_999_999), "no such process")
    }
}
