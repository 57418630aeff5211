/// Failed sign-ins per source address: a source that fails ``limit`` times within a
/// ``window`` is refused (429) until that window ends, so tokens cannot be guessed at speed.
public struct SignInThrottle: Sendable {
    /// Failures allowed per window and source.
    public static let limit = 10
    /// The fixed window.
    public static let window: Duration = .seconds(60)
    /// Most sources tracked; beyond it the stalest windows are forgotten first.
    static let capacity = 10_000

    private var windows: [String: (start: ContinuousClock.Instant, failures: Int)] = [:]

    public init() {}

    /// Whether `source` may try a token now.
    public func allows(_ source: String, at now: ContinuousClock.Instant) -> Bool {
        guard let window = windows[source], now - window.start < Self.window else { return true }
        return window.failures < Self.limit
    }

    /// Counts a failed sign-in of `source`.
    public mutating func recordFailure(of source: String, at now: ContinuousClock.Instant) {
        if windows.count >= Self.capacity {
            windows = windows.filter { now - $0.value.start < Self.window }
        }
        if let window = windows[source], now - window.start < Self.window {
            windows[source] = (window.start, window.failures + 1)
        } else {
            windows[source] = (now, 1)
        }
    }
}
