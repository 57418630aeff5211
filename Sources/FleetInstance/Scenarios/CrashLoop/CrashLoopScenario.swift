#if canImport(Glibc)
import Glibc
#endif
import FleetModel

/// scenario7: the instance process exits with status 1 `interval` after the scenario starts in
/// it; the supervisor restarts it, the new process finds the ``CrashLoopMarker`` and starts the
/// scenario again, until a stop removes the marker.
///
/// The exit is abrupt on purpose (no graceful shutdown: that is what a crash looks like); the
/// kernel releases the process's memory, descriptors and threads, and the next start removes
/// what other scenarios could have left in the data folder.
public struct CrashLoopScenario: FailureScenario {
    public let interval: Duration
    public let marker: CrashLoopMarker
    /// Ends the process with a status; tests inject a recorder instead.
    let exit: @Sendable (Int32) -> Void

    /// The status the process exits with: a plain failure, as an unhandled error gives.
    public static let exitStatus = RestartAccounting.crashLoopExitStatus

    public init(settings: CrashLoopSettings, dataDirectory: String) {
        self.init(interval: settings.interval, marker: CrashLoopMarker(dataDirectory: dataDirectory)) { status in
            // Flush what the logger buffered, then go without running any cleanup: a crash.
            fflush(nil)
            _exit(status)
        }
    }

    init(interval: Duration, marker: CrashLoopMarker, exit: @escaping @Sendable (Int32) -> Void) {
        self.interval = interval
        self.marker = marker
        self.exit = exit
    }

    public func run() async {
        marker.set()
        do {
            try await Task.sleep(for: interval)
        } catch {
            // Stopped before the crash: the loop is over.
            marker.remove()
            return
        }
        exit(Self.exitStatus)
        // Only reached when `exit` is a test's recorder: behave as stopped until cancelled.
        await Task.sleepUntilCancelled()
        marker.remove()
    }
}
