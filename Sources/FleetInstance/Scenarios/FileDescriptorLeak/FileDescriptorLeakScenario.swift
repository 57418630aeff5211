import FleetModel
import Foundation

/// scenario8: every `interval`, open `per_step` descriptors on a file in the instance's data
/// folder, up to `min(max_open, 80 % of RLIMIT_NOFILE)`, and hold them until stopped.
///
/// The file lives in `<instance data folder>/scenario8/`; the descriptors are closed and the
/// folder deleted on stop and at shutdown; after a crash the kernel closes the descriptors and
/// the next start deletes the folder (`removeLeftovers`).
public struct FileDescriptorLeakScenario: FailureScenario {
    public let budget: FileDescriptorBudget
    public let interval: Duration
    public let dataDirectory: String

    public init(settings: FileDescriptorLeakSettings, dataDirectory: String, openFileLimit: Int = MachineResources.openFileLimit()) {
        budget = FileDescriptorBudget(settings: settings, openFileLimit: openFileLimit)
        interval = settings.interval
        self.dataDirectory = dataDirectory
    }

    /// The folder of the file the descriptors point at.
    public static func leakDirectory(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("scenario8")
    }

    /// Deletes what a previous run left behind (after a crash, or a kill -9).
    public static func removeLeftovers(in dataDirectory: String) {
        try? FileManager.default.removeItem(atPath: leakDirectory(in: dataDirectory))
    }

    public func run() async {
        let folder = Self.leakDirectory(in: dataDirectory)
        let target = (folder as NSString).appendingPathComponent("held")
        let held = HeldFileDescriptors()
        defer {
            held.closeAll()
            Self.removeLeftovers(in: dataDirectory)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return
        }
        guard FileManager.default.createFile(atPath: target, contents: Data()) else { return }
        var nextStep = ContinuousClock.now
        while !Task.isCancelled {
            held.open(target, count: budget.nextStep(held: held.count))
            nextStep += interval
            do { try await Task.sleep(until: nextStep, clock: .continuous) } catch { break }
        }
    }
}
