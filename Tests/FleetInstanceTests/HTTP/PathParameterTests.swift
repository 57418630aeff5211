import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// Path captures are decoded as Starlette decodes them; Foundation's
    /// `removingPercentEncoding` (what the decoder replaces) is the oracle.
    @Suite("Path parameter decoding")
    struct PathParameterTests {
        static let samples = [
            "health", "x", "250", "", "%41", "a%20b", "%e2%82%AC", "caf%C3%A9", "a+b", "%2F%2f",
            "%", "%4", "%zz", "%g1", "ab%", "%ff", "%C3", "%C3%28", "100%25", "%%41", "%00",
        ]

        @Test("decodes like Foundation's removingPercentEncoding, keeping malformed input as is", arguments: samples)
        func matchesFoundation(raw: String) {
            #expect(PathParameter.decode(raw) == (raw.removingPercentEncoding ?? raw))
        }

        @Test("escapes decode to UTF-8 text; invalid escapes and invalid UTF-8 keep the raw text")
        func examples() {
            #expect(PathParameter.decode("caf%C3%A9") == "café")
            #expect(PathParameter.decode("%e2%82%AC") == "€")
            #expect(PathParameter.decode("a+b") == "a+b")
            #expect(PathParameter.decode("%zz") == "%zz")
            #expect(PathParameter.decode("%C3%28") == "%C3%28")
        }
    }
}
