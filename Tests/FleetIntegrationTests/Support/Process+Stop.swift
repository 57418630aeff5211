import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// Ends this process by its PID if it still runs: SIGTERM, then SIGKILL after `grace`
    /// seconds; always reaped.
    func stop(grace: TimeInterval = 8) {
        guard isRunning else { return }
        kill(processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(20_000) }
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
