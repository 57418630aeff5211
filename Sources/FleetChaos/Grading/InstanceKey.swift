import FleetModel
/// The comparison key of an instance id, so that `svc-02`, `svc2`, `SVC-002` and `2` match.
///
/// An id that reads as an optional `svc` prefix, an optional separator and a number becomes
/// that number; anything else is compared case-insensitively as written.
struct InstanceKey: Hashable, Sendable {
    private let value: String

    init(_ id: String) {
        var text = id.lowercased().trimmingASCIIWhitespace()
        if text.hasPrefix("svc") { text = text.dropFirst(3) }
        if let first = text.first, "-_ ".contains(first) { text = text.dropFirst() }
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) {
            let digits = text.drop { $0 == "0" }
            value = "#" + (digits.isEmpty ? "0" : String(digits))
        } else {
            value = String(id.lowercased().trimmingASCIIWhitespace())
        }
    }
}
