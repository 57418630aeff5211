/// A deterministic random number generator: xoshiro256** seeded through SplitMix64.
///
/// The chaos plan must be reproducible from its seed alone — on any machine, any OS and any
/// Swift version — because the seed is what an instructor writes on the whiteboard to replay a
/// session. Swift's `SystemRandomNumberGenerator` is not seedable, and the standard library's
/// `Int.random(in:using:)` / `Double.random(in:using:)` / `shuffled(using:)` may change their
/// algorithms between releases, so this generator and its helpers in
/// `SeededGenerator+Distributions.swift` are the only randomness the planner uses.
///
/// - The 64-bit seed is expanded into the 256-bit state with four outputs of SplitMix64, as
///   recommended by the xoshiro authors (Blackman & Vigna, <https://prng.di.unimi.it>): this
///   decorrelates nearby seeds such as 41, 42, 43 and can never produce the forbidden all-zero
///   state (SplitMix64 is a bijection of its counter, so four consecutive outputs are never all 0).
/// - `next()` is the reference `xoshiro256**` step; the test suite checks it against output of
///   the reference C implementation.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The seed this generator was created with, kept for messages and sub-streams.
    public let seed: UInt64

    /// The xoshiro256** state; never all zero.
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose sequence is fully determined by `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        var splitMix = SplitMix64(state: seed)
        s0 = splitMix.next()
        s1 = splitMix.next()
        s2 = splitMix.next()
        s3 = splitMix.next()
    }

    /// The next 64 uniformly distributed bits (the reference `xoshiro256**` step).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to expand a seed into xoshiro state.
///
/// It is kept separate, and internal, so that tests can check it against its published vectors.
struct SplitMix64: Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
