/// Comparison of secrets whose time does not depend on where they differ.
enum ConstantTime {
    /// Whether `candidate` equals `secret`, looking at every byte of the secret whatever the input.
    @inline(never)
    static func equal(_ candidate: String, _ secret: String) -> Bool {
        let (left, right) = (Array(candidate.utf8), Array(secret.utf8))
        var difference: UInt8 = left.count == right.count ? 0 : 1
        for index in right.indices {
            difference |= (left.isEmpty ? 0 : left[index % left.count]) ^ right[index]
        }
        return difference == 0
    }
}
