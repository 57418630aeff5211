/// Elementary functions computed with IEEE-754 basic operations only.
///
/// `+ − × ÷` are correctly rounded on every platform Swift supports, so a function built from
/// them alone returns the same bits everywhere. The C library's `log` is only *almost* correctly
/// rounded and differs between implementations in rare last-bit cases — enough to move an
/// injection by a millisecond on another machine and break "same seed, same plan".
public enum DeterministicMath {
    /// ln 2 rounded to the nearest `Double`.
    private static let ln2 = 0.693_147_180_559_945_3

    /// The natural logarithm of a positive finite `x` (relative error below 1e-15).
    ///
    /// `x = m · 2ᵉ` with `m` in `[√½, √2)` (an exact rescaling), then
    /// `ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …)` with `s = (m − 1)/(m + 1)`, `|s| ≤ 0.172`.
    /// Twelve terms bring the truncation error below 1e-19. Returns `-infinity` for 0, NaN for
    /// negative or NaN input, `+infinity` for `+infinity`.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        var exponent = Double(Int(x.exponent))
        var m = x.significand  // in [1, 2), exact; subnormals are normalized by `exponent`
        if m > 1.414_213_562_373_095_1 {
            m /= 2  // exact
            exponent += 1
        }
        let s = (m - 1) / (m + 1)
        let z = s * s
        // Horner form of 1 + z/3 + z²/5 + … + z¹¹/23, innermost term first.
        var series = 0.0
        var k = 11
        while k >= 0 {
            series = series * z + 1 / Double(2 * k + 1)
            k -= 1
        }
        return exponent * ln2 + 2 * s * series
    }
}
