import FleetModel

/// scenario8's decision: how many descriptors the next step opens.
public struct FileDescriptorBudget: Sendable, Equatable {
    public let perStep: Int
    /// Most descriptors the leak holds: `min(max_open, 80 % of RLIMIT_NOFILE)`.
    public let cap: Int

    public init(settings: FileDescriptorLeakSettings, openFileLimit: Int) {
        perStep = max(0, settings.perStep)
        cap = settings.cap(openFileLimit: openFileLimit)
    }

    /// Descriptors to open now when `held` are already held: `per_step`, less near the cap,
    /// zero at it.
    public func nextStep(held: Int) -> Int {
        max(0, min(perStep, cap - held))
    }
}
