import FleetChaos
import FleetModel

/// The configured mix as a weighted draw over the kinds, in a fixed order.
public struct TrafficMix: Sendable, Equatable {
    public let kinds: [TrafficKind]
    public let shares: [Double]

    /// Kinds without a share (or a share of 0) are never drawn.
    public init(_ mix: [TrafficKind: Double]) {
        kinds = TrafficKind.allCases.filter { (mix[$0] ?? 0) > 0 }
        shares = kinds.map { mix[$0] ?? 0 }
    }

    /// The expected fraction of each kind.
    public var fractions: [TrafficKind: Double] {
        let total = shares.reduce(0, +)
        return Dictionary(uniqueKeysWithValues: zip(kinds, shares.map { $0 / total }))
    }

    /// One kind; consumes one output of `generator`.
    func draw(using generator: inout SeededGenerator) -> TrafficKind {
        kinds[generator.nextWeightedIndex(shares) ?? 0]
    }
}
