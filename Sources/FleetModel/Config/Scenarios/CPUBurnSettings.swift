/// `scenarios.scenario6:` — busy threads burn CPU.
public struct CPUBurnSettings: Sendable, Equatable {
    /// CPU to burn, in cores (0.5 = half of one core). Never more than one core, and never
    /// more than the machine's cores minus one, so the machine stays usable.
    public var cores = 0.5

    public init() {}

    /// The most CPU one instance may burn, in cores.
    public static let maximumCores = 1.0
}
