import Foundation

/// `node_load1` of the simulated host: the kernel's one-minute exponentially damped average,
/// fed with the instance's CPU use in cores (its runnable threads, on average) between readings.
public struct LoadAverage: Sendable, Equatable {
    /// The kernel's averaging window for `load1`.
    public static let window = 60.0

    public private(set) var value: Double = 0

    public init() {}

    /// Folds in `busyCores` observed over the last `elapsed` seconds.
    public mutating func observe(busyCores: Double, elapsed: Double) {
        guard elapsed > 0, busyCores.isFinite else { return }
        let decay = exp(-elapsed / Self.window)
        value = value * decay + max(0, busyCores) * (1 - decay)
    }
}
