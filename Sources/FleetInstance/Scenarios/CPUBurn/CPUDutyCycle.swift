import FleetModel

/// scenario6's decision: how many burner threads, and how long each spins per period.
///
/// The burn is capped at one core and at the machine's cores minus one, so a class running the
/// scenario on every instance of a laptop still leaves a core for everything else.
public struct CPUDutyCycle: Sendable, Equatable {
    /// Cores actually burnt: `min(requested, 1, machineCores - 1)`, never negative.
    public let cores: Double
    /// Burner threads: one per started core (one for any share of a single core).
    public let threads: Int
    /// One burn period: each thread spins `busy` then sleeps `period - busy`. Short, so a stop
    /// takes effect within a period and the load looks steady at any scrape interval.
    public let period: Duration
    /// Spin time of each thread per period.
    public let busy: Duration

    public init(requestedCores: Double, machineCores: Int, period: Duration = .milliseconds(100)) {
        let ceiling = min(CPUBurnSettings.maximumCores, Double(max(0, machineCores - 1)))
        let cores = requestedCores.isFinite ? min(max(0, requestedCores), ceiling) : 0
        self.cores = cores
        threads = cores > 0 ? Int(cores.rounded(.up)) : 0
        self.period = period
        busy = threads > 0 ? period * (cores / Double(threads)) : .zero
    }

    /// The idle part of each period.
    public var idle: Duration { period - busy }
}
