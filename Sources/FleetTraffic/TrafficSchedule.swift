import FleetChaos
import FleetModel

/// The request sequence as a value: advanced by a clock (real or simulated), it says which
/// requests are due. No I/O, no time of its own, so a test can run a simulated day in
/// milliseconds and get exactly what the generator would send.
///
/// Each instance has a credit that grows by its rate × elapsed time; every whole unit is one
/// request. Shares therefore follow the weights exactly (not only on average), and the seed
/// fixes the kinds and details of the requests. A stall (a starved machine) is not made up
/// with a burst: at most `maxBacklog` of an instance's requests are owed at once.
public struct TrafficSchedule: Sendable {
    private var generator: SeededGenerator
    private var credits: [Double]
    public let mix: TrafficMix

    /// How much of an instance's traffic may be owed after a stall.
    public static let maxBacklog: Duration = .seconds(1)

    public init(seed: UInt64, instances: Int, mix: TrafficMix) {
        // A stream apart from the weights' (which use `seed` itself).
        generator = SeededGenerator(seed: seed ^ 0x7472_6166_6669_6321)
        // Starting credits spread the instances' first requests over their first interval.
        credits = (0..<instances).map { _ in 0 }
        for index in credits.indices { credits[index] = generator.nextUnitDouble() }
        self.mix = mix
    }

    /// The requests due after `interval` at the per-instance `rates` (requests per second).
    public mutating func advance(by interval: Duration, rates: [Double]) -> [TrafficRequest] {
        let seconds = max(0, interval.secondsValue)
        let backlog = Self.maxBacklog.secondsValue
        var due: [TrafficRequest] = []
        for index in credits.indices {
            let rate = index < rates.count ? max(0, rates[index]) : 0
            credits[index] = min(credits[index] + rate * seconds, max(1, rate * backlog) + 1)
            while credits[index] >= 1 {
                credits[index] -= 1
                due.append(TrafficRequest.make(mix.draw(using: &generator), instance: index, using: &generator))
            }
        }
        return due
    }
}
