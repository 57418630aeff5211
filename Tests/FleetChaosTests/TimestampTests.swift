@testable import FleetChaos
import Foundation
import Testing

/// Hand-written ISO-8601 and clock formatting.
@Suite struct TimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(ISOTimestamp.format(epochMilliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(ISOTimestamp.format(epochMilliseconds: 1_746_093_727_123) == "2025-05-01T10:02:07.123Z")
        #expect(ISOTimestamp.format(epochMilliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(ISOTimestamp.format(epochMilliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 1_746_093_727.1234)) == "2025-05-01T10:02:07.123Z")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 1_746_093_727.1236)) == "2025-05-01T10:02:07.124Z")
    }

    @Test func parsesTheCommonISOForms() {
        let expected: Int64 = 1_746_093_727_123
        #expect(ISOTimestamp.epochMilliseconds(parsing: "2025-05-01T10:02:07.123Z") == expected)
        #expect(ISOTimestamp.epochMilliseconds(parsing: "2025-05-01T10:02:07.123456Z") == expected)
        #expect(ISOTimestamp.epochMilliseconds(parsing: "2025-05-01 12:02:07.123+02:00") == expected)
        #expect(ISOTimestamp.epochMilliseconds(parsing: "2025-05-01T05:32:07.123-0430") == expected)
        #expect(ISOTimestamp.epochMilliseconds(parsing: "2025-05-01T10:02") == expected - 7123)
        for bad in ["", "10:42", "2025-13-01T00:00Z", "2025-02-30T00:00Z", "2025-05-01T24:00Z", "2025-05-01T10:02:07.Z", "2025-05-01T10:02Zjunk"] {
            #expect(ISOTimestamp.epochMilliseconds(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func roundTripsOverCenturies() {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<2000 {
            let ms = generator.nextInt(in: -2_208_988_800_000...4_102_444_800_000)  // 1900 … 2100
            #expect(ISOTimestamp.epochMilliseconds(parsing: ISOTimestamp.format(epochMilliseconds: ms)) == ms)
        }
    }

    @Test func clockTextIsFixedWidthAndLocaleFree() {
        #expect(ClockText.clock(milliseconds: 0) == "00:00:00.000")
        #expect(ClockText.clock(milliseconds: 4 * 60_000 + 12_345) == "00:04:12.345")
        #expect(ClockText.clock(milliseconds: 100 * 3_600_000) == "100:00:00.000")
        #expect(ClockText.offset(.milliseconds(1_800_000)) == "+00:30:00.000")
        #expect(ClockText.compact(.milliseconds(23_400)) == "23s")
        #expect(ClockText.compact(.milliseconds(245_600)) == "4m06s")
        #expect(ClockText.compact(.seconds(3723)) == "1h02m03s")
        #expect(ClockText.compact(.seconds(-5), signed: true) == "-5s")
        #expect(ClockText.compact(.seconds(5), signed: true) == "+5s")
    }
}
