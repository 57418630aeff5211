import PropertyBased
import Testing

import FleetModel

/// The Prometheus/Go-like duration syntax of `fleet.yaml`.
@Suite("Duration syntax")
struct DurationSyntaxTests {
    @Test("parse", arguments: [
        ("500ms", Duration.milliseconds(500)),
        ("1s", .seconds(1)),
        ("1m30s", .seconds(90)),
        ("0.5s", .milliseconds(500)),
        ("30m", .seconds(1800)),
        ("2h", .seconds(7200)),
        ("1d", .seconds(86_400)),
        ("1d2h3m4s5ms", .seconds(86_400 + 7200 + 180 + 4) + .milliseconds(5)),
        ("1h30m", .seconds(5400)),
        ("1.5h", .seconds(5400)),
        (".25m", .seconds(15)),
        ("1.s", .seconds(1)),
        ("0.001ms", .microseconds(1)),
        ("0", .zero),
        ("0s", .zero),
        ("5", .seconds(5)),         // a bare number is seconds: YAML `5`
        ("0.5", .milliseconds(500)),
        ("  10s\n", .seconds(10)),
        ("+3s", .seconds(3)),
        ("-3s", .seconds(-3)),      // parses; the loader then rejects it as "not greater than 0"
        ("1m0s", .seconds(60)),
    ])
    func parse(text: String, expected: Duration) throws {
        #expect(try DurationSyntax.parse(text) == expected)
    }

    @Test func fractionsAreExact() throws {
        // 0.1 s is not a binary fraction; Double arithmetic would be off by attoseconds.
        #expect(try DurationSyntax.parse("0.1s") == .milliseconds(100))
        #expect(try DurationSyntax.parse("0.3s").attoseconds == 300_000_000_000_000_000)
        #expect(try DurationSyntax.parse("1.000000000000000001s").attoseconds == 1_000_000_000_000_000_001)
        // Below an attosecond truncates toward zero.
        #expect(try DurationSyntax.parse("0.0000000000000000019s").attoseconds == 1)
    }

    @Test("errors", arguments: [
        ("", DurationSyntaxError.Problem.empty),
        ("  ", .empty),
        ("soon", .notANumber),
        ("s", .notANumber),
        ("--1s", .notANumber),
        ("1m 30s", .notANumber),
        ("1.2.3s", .notANumber),
        ("1m30", .missingUnit),
        ("5S", .unknownUnit("S")),
        ("2w", .unknownUnit("w")),
        ("1y", .unknownUnit("y")),
        ("5sec", .unknownUnit("sec")),
        ("5us", .unknownUnit("us")),
        ("30s1m", .unitOrder("m")),
        ("1s1s", .unitOrder("s")),
        ("1ms1s", .unitOrder("s")),
        ("106751991167301d", .overflow),
        ("9223372036854775808s", .overflow),
    ])
    func errors(text: String, problem: DurationSyntaxError.Problem) {
        #expect(throws: DurationSyntaxError(text: text, problem: problem)) { try DurationSyntax.parse(text) }
    }

    @Test func errorMessages() {
        #expect(
            DurationSyntaxError(text: "soon", problem: .notANumber).description
                == #"expected a duration like "500ms", "30s" or "1m30s", found "soon""#)
        #expect(DurationSyntaxError(text: "5S", problem: .unknownUnit("S")).description.contains("use ms, s, m, h or d"))
    }

    @Test("format", arguments: [
        (Duration.seconds(90), "1m30s"),
        (.milliseconds(500), "500ms"),
        (.seconds(5), "5s"),
        (.zero, "0s"),
        (.seconds(60), "1m"),
        (.seconds(3600), "1h"),
        (.seconds(5400), "1h30m"),
        (.seconds(86_400), "1d"),
        (.seconds(90_000), "1d1h"),
        (.seconds(86_401), "1d1s"),
        (.milliseconds(1500), "1.5s"),
        (.milliseconds(60_250), "1m250ms"),
        (.milliseconds(90_250), "1m30.25s"),
        (.microseconds(1), "0.001ms"),
        (.nanoseconds(1_500_000), "1.5ms"),
        (.seconds(1800), "30m"),
        (.seconds(-90), "-1m30s"),
        (.milliseconds(100), "100ms"),
    ])
    func format(duration: Duration, expected: String) {
        #expect(DurationSyntax.format(duration) == expected)
    }

    @Test func formatExtremes() throws {
        let oneAttosecond = Duration(attoseconds: 1)
        #expect(DurationSyntax.format(oneAttosecond) == "0.000000000000001ms")
        #expect(try DurationSyntax.parse(DurationSyntax.format(oneAttosecond)) == oneAttosecond)
        // The most negative Duration has no positive counterpart; formatting must not trap.
        #expect(DurationSyntax.format(Duration(attoseconds: .min)).hasPrefix("-"))
    }

    @Test func propertyRoundTripOfAnyDuration() async {
        // Up to 100 years at attosecond resolution: exercises every unit and long fractions.
        await propertyCheck(count: 500, input: Gen.duration(in: .seconds(-3_155_760_000) ... .seconds(3_155_760_000))) { duration throws in
            #expect(try DurationSyntax.parse(DurationSyntax.format(duration)) == duration)
        }
    }

    @Test func propertyRoundTripOfMilliseconds() async {
        // The durations people write: whole milliseconds, whose form needs at most 3 decimals.
        await propertyCheck(count: 500, input: Gen.int64(in: 0...10_000_000_000)) { milliseconds throws in
            let duration = Duration.milliseconds(milliseconds)
            let text = DurationSyntax.format(duration)
            #expect((text.split(separator: ".").dropFirst().first?.prefix { $0.isNumber }.count ?? 0) <= 3)
            #expect(try DurationSyntax.parse(text) == duration)
        }
    }

    @Test func propertyComponentsSum() async {
        // Writing d/h/m/s/ms components yields exactly their sum.
        await propertyCheck(
            count: 300, input: Gen.int64(in: 0...400), Gen.int64(in: 0...23), Gen.int64(in: 0...59),
            Gen.int64(in: 0...59), Gen.int64(in: 0...999)
        ) { d, h, m, s, ms throws in
            let parts = [(d, "d"), (h, "h"), (m, "m"), (s, "s"), (ms, "ms")].filter { $0.0 > 0 }
            guard !parts.isEmpty else { return }
            let text = parts.map { "\($0.0)\($0.1)" }.joined()
            let expected = Duration.seconds(((d * 24 + h) * 60 + m) * 60 + s) + .milliseconds(ms)
            #expect(try DurationSyntax.parse(text) == expected)
            // format writes seconds and milliseconds together as a decimal ("30.25s"); otherwise the same text.
            #expect(DurationSyntax.format(expected) == text || (s > 0 && ms > 0))
        }
    }
}
