import Foundation

/// The daily curve of the traffic: over one `period` (a simulated day) the rate follows a sine
/// between `(1 - amplitude)` and `(1 + amplitude)` times its mean.
///
/// A day starts at simulated 06:00 at the mean rate, peaks at noon, is lowest at midnight:
/// `factor = 1 + amplitude × sin(2π × phase)`, `phase` the elapsed share of the day.
public struct DailyCurve: Sendable, Equatable {
    public var period: Duration
    public var amplitude: Double

    public init(period: Duration, amplitude: Double) {
        self.period = period
        self.amplitude = amplitude
    }

    /// The share of the current day that has passed, in `[0, 1)`.
    public func phase(elapsed: Duration) -> Double {
        let seconds = elapsed.secondsValue, length = period.secondsValue
        guard length > 0 else { return 0 }
        let phase = (seconds / length).truncatingRemainder(dividingBy: 1)
        return phase < 0 ? phase + 1 : phase
    }

    /// The multiplier of the mean rate at `elapsed` since the day began.
    public func factor(elapsed: Duration) -> Double {
        1 + amplitude * sin(2 * Double.pi * phase(elapsed: elapsed))
    }

    /// The simulated time of day, `HH:MM` (a day starts at 06:00).
    public func timeOfDay(elapsed: Duration) -> String {
        let minutes = Int((phase(elapsed: elapsed) * 24 * 60 + 6 * 60).rounded(.down)) % (24 * 60)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
