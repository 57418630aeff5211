import Foundation
import PropertyBased
import Testing

import FleetModel

/// The size syntax of the original service's `parse_size`, as `ByteSize.parse` implements it.
@Suite("Size syntax")
struct ByteSizeParsingTests {
    /// Every suffix with its multiplier — written out here independently of the parser.
    static let multipliers: [(suffix: String, bytes: Int64)] = [
        ("", 1), ("b", 1),
        ("k", 1_000), ("kb", 1_000), ("ki", 1_024), ("kib", 1_024),
        ("m", 1_000_000), ("mb", 1_000_000), ("mi", 1_048_576), ("mib", 1_048_576),
        ("g", 1_000_000_000), ("gb", 1_000_000_000), ("gi", 1_073_741_824), ("gib", 1_073_741_824),
    ]

    private func bytes(_ text: String) throws -> Int64 { try ByteSize.parse(text).bytes }

    @Test("every suffix in lower, upper and mixed case", arguments: multipliers)
    func suffixes(suffix: String, multiplier: Int64) throws {
        #expect(try bytes("3\(suffix)") == 3 * multiplier)
        #expect(try bytes("3\(suffix.uppercased())") == 3 * multiplier)
        // Mixed case: upper first letter (`Kib`) and upper last letter (`kiB`).
        #expect(try bytes("3\(suffix.prefix(1).uppercased())\(suffix.dropFirst())") == 3 * multiplier)
        #expect(try bytes("3\(suffix.dropLast())\(suffix.suffix(1).uppercased())") == 3 * multiplier)
    }

    @Test func commonSpellings() throws {
        #expect(try bytes("4MB") == 4_000_000)
        #expect(try bytes("4MiB") == 4 * 1_048_576)
        #expect(try bytes("1GiB") == 1 << 30)
        #expect(try bytes("2GiB") == 2 << 30)
        #expect(try bytes("100") == 100)
        #expect(try bytes("0") == 0)
        #expect(try bytes("007") == 7)
    }

    @Test func fractionsAreExactAndTruncateTowardZero() throws {
        #expect(try bytes("0.7kb") == 700)  // 0.7 × 1000 in Double is 700.0000000000001 — exact here
        #expect(try bytes("0.29kb") == 290)  // 0.29 × 1000 in Double is 289.99999999999994
        #expect(try bytes(".5k") == 500)
        #expect(try bytes("1.k") == 1_000)
        #expect(try bytes("1.5GiB") == 3 << 29)
        #expect(try bytes("0.5") == 0)
        #expect(try bytes("1.9b") == 1)
        #expect(try bytes("1.9") == 1)
        #expect(try bytes("0.0009k") == 0)
        #expect(try bytes("0.001k") == 1)
        #expect(try bytes("0.3333333333333333333333333333kib") == 341)  // 1024 / 3 = 341.33
        // 2^-30 GiB has 30 decimals and is exactly one byte: no precision is lost on long fractions.
        #expect(try bytes("0.000000000931322574615478515625gib") == 1)
        #expect(try bytes("0.000000000931322574615478515624gib") == 0)
    }

    @Test func signs() throws {
        #expect(try bytes("+5k") == 5_000)
        #expect(try bytes("-5k") == -5_000)
        #expect(try bytes("-1.9b") == -1)  // toward zero, not toward -∞
        #expect(try bytes("-0") == 0)
        #expect(try bytes("-.5kib") == -512)
    }

    @Test func whitespace() throws {
        #expect(try bytes("  4MB  ") == 4_000_000)
        #expect(try bytes("\t4MB\n") == 4_000_000)
        #expect(try bytes("4 MB") == 4_000_000)
        #expect(try bytes("4 \t mib") == 4 << 20)
        #expect(try bytes(" 12 ") == 12)
    }

    @Test func limitsOfInt64() throws {
        #expect(try bytes("9223372036854775807") == .max)
        #expect(try bytes("-9223372036854775808") == .min)
        #expect(try bytes("8589934591gib") == 8_589_934_591 << 30)  // the largest whole GiB count
    }

    @Test("errors", arguments: [
        ("", SizeSyntaxError.Problem.empty),
        ("   ", .empty),
        ("MB", .notANumber),
        ("1.2.3", .notANumber),
        ("--1", .notANumber),
        ("+-1", .notANumber),
        ("- 1", .notANumber),
        (".", .notANumber),
        ("1 2", .notANumber),
        ("1e3", .notANumber),
        ("12 parsecs", .unknownSuffix("parsecs")),
        ("5 k b", .notANumber),
        ("5tb", .unknownSuffix("tb")),
        ("5\u{212A}", .notANumber),  // KELVIN SIGN lowercases to "k" in Unicode; not a suffix here
        ("9223372036854775808", .overflow),
        ("-9223372036854775809", .overflow),
        ("8589934592gib", .overflow),
        ("99999999999999999999999999999999999999999", .overflow),
    ])
    func errors(text: String, problem: SizeSyntaxError.Problem) {
        #expect(throws: SizeSyntaxError(text: text, problem: problem)) { try ByteSize.parse(text) }
    }

    @Test func errorMessages() {
        #expect(
            SizeSyntaxError(text: "lots", problem: .notANumber).description
                == #"expected a size like "1MB" or "4MiB", found "lots""#)
        #expect(
            SizeSyntaxError(text: "12 parsecs", problem: .unknownSuffix("parsecs")).description
                == #"expected a size like "1MB" or "4MiB", found "12 parsecs": unknown unit "parsecs" (use b, k, kb, ki, kib, m, mb, mi, mib, g, gb, gi or gib)"#)
        #expect(SizeSyntaxError(text: "", problem: .empty).description.hasSuffix(#"found """#))
        #expect(SizeSyntaxError(text: "9e99gib", problem: .overflow).description.contains("does not fit in 64 bits"))
    }

    @Test func propertyWholeNumberTimesSuffix() async {
        await propertyCheck(
            count: 500, input: Gen.int64(in: 0...8_000_000_000), Gen.int(in: Self.multipliers.indices), Gen.bool
        ) { n, index, spaced throws in
            let entry = Self.multipliers[index]
            let (expected, overflow) = n.multipliedReportingOverflow(by: entry.bytes)
            let text = "\(n)\(spaced ? " " : "")\(entry.suffix)"
            if overflow {
                #expect(throws: SizeSyntaxError(text: text, problem: .overflow)) { try ByteSize.parse(text) }
            } else {
                #expect(try ByteSize.parse(text).bytes == expected)
            }
        }
    }

    @Test func propertyFractionsMatchExactArithmetic() async {
        // n + d/1000 with a suffix: exact value is (n × 1000 + d) × multiplier / 1000, truncated.
        await propertyCheck(
            count: 300, input: Gen.int64(in: 0...1_000_000), Gen.int64(in: 0...999), Gen.int(in: Self.multipliers.indices)
        ) { n, d, index throws in
            let entry = Self.multipliers[index]
            let text = "\(n).\(String(repeating: "0", count: 3 - String(d).count))\(d)\(entry.suffix)"
            let exact = (Int128(n) * 1000 + Int128(d)) * Int128(entry.bytes) / 1000
            #expect(try ByteSize.parse(text).bytes == Int64(exact))
        }
    }

    @Test func decodesFromIntegersAndStrings() throws {
        struct Holder: Codable, Equatable { var size: ByteSize }
        let json = #"[{"size": 1048576}, {"size": "1MiB"}, {"size": "0.7kb"}]"#
        let decoded = try JSONDecoder().decode([Holder].self, from: Data(json.utf8))
        #expect(decoded.map(\.size.bytes) == [1_048_576, 1_048_576, 700])

        let encoded = try JSONEncoder().encode(Holder(size: ByteSize(bytes: 42)))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"size":42}"#)
        #expect(try JSONDecoder().decode(Holder.self, from: encoded) == Holder(size: ByteSize(bytes: 42)))

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Holder.self, from: Data(#"{"size": "lots"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Holder.self, from: Data(#"{"size": [1]}"#.utf8))
        }
    }
}
