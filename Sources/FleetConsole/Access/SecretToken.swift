/// Random identifiers for sessions and CSRF tokens.
enum SecretToken {
    /// 128 random bits as 32 lowercase hex digits, from the system's CSPRNG
    /// (`SystemRandomNumberGenerator` reads `getrandom(2)` on Linux).
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next() as UInt64, generator.next() as UInt64]
        return words.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
