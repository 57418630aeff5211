import FleetModel
import Testing

/// Sizes are shown in the unit they were most likely written in.
@Suite struct ByteSizeDescriptionTests {
    static let cases: [(Int64, String)] = [
        (1 << 30, "1 GiB"), (4 << 20, "4 MiB"), (1_000_000, "1 MB"), (600_000_000, "600 MB"),
        (4_000_000, "4 MB"), (700, "700 B"), (1000, "1 kB"), (1536, "1.5 KiB"), (7 * (1 << 30) - 1, "7 GiB"),
        (2_999_999_999, "2.8 GiB"), (0, "0 B"),
    ]

    @Test(arguments: cases)
    func description(bytes: Int64, text: String) {
        #expect(ByteSize(bytes: bytes).description == text)
    }
}
