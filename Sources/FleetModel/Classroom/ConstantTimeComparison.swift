/// Equality of secrets in time that depends only on their lengths, never on where they differ.
///
/// Hand-written because neither the standard library nor swift-crypto exposes a constant-time
/// comparison of plain byte strings (swift-crypto's is internal to its MAC types), and an
/// early-exit `==` on tokens lets a client guess a token byte by byte from response times.
public enum ConstantTimeComparison {
    /// Whether `candidate` equals `secret`, looking at every byte of the secret whatever the input.
    ///
    /// A length mismatch is folded into the result rather than returned early, so the time
    /// only reveals the secret's length, which is public (every token has the same length).
    public static func equal(_ candidate: some StringProtocol, _ secret: some StringProtocol) -> Bool {
        equal(Array(candidate.utf8), Array(secret.utf8))
    }

    /// Byte form of ``equal(_:_:)-(StringProtocol,StringProtocol)``.
    @inline(never)
    public static func equal(_ candidate: [UInt8], _ secret: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: candidate.count ^ secret.count)
        difference |= UInt8(truncatingIfNeeded: (candidate.count ^ secret.count) >> 8)
        if candidate.count != secret.count { difference |= 1 }
        for index in 0..<secret.count {
            // Index into the candidate modulo its length, so a short input costs the same loop.
            let byte = candidate.isEmpty ? 0 : candidate[index % candidate.count]
            difference |= byte ^ secret[index]
        }
        return difference == 0
    }
}
