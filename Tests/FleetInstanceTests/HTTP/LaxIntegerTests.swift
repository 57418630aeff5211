import Testing

@testable import FleetInstance

extension InstanceTests {
    /// pydantic 2's lax integer rules (checked against pydantic 2.13 while writing these cases).
    @Suite("Lax integers")
    struct LaxIntegerTests {
        @Test("strings", arguments: [
            ("7", LaxInteger.Outcome.value(7)), (" 7 ", .value(7)), ("\t7\n", .value(7)), ("+7", .value(7)),
            ("-3", .value(-3)), ("7.0", .value(7)), ("7.00", .value(7)), ("0", .value(0)), ("-0", .value(0)),
            ("007", .value(7)),
            ("7.5", .notParsable), ("x", .notParsable), ("", .notParsable), (" ", .notParsable), ("+", .notParsable),
            ("-", .notParsable), ("1e3", .notParsable), ("0x10", .notParsable), ("--1", .notParsable),
            (".5", .notParsable), ("٣", .notParsable), ("7 7", .notParsable),
        ])
        func strings(_ text: String, _ expected: LaxInteger.Outcome) {
            #expect(LaxInteger.parse(text) == expected)
        }

        @Test("JSON values", arguments: [
            (JSONValue.int(5), LaxInteger.Outcome.value(5)), (.double(5.0), .value(5)), (.double(-2.0), .value(-2)),
            (.double(5.5), .fractional), (.double(-0.5), .fractional), (.bool(true), .value(1)), (.bool(false), .value(0)),
            (.null, .wrongType), (.array([.int(1)]), .wrongType), (.object([("value", .int(1))]), .wrongType),
            (.string("7"), .value(7)), (.string(" 7 "), .value(7)), (.string("7.5"), .notParsable), (.string("x"), .notParsable),
        ])
        func jsonValues(_ value: JSONValue, _ expected: LaxInteger.Outcome) {
            #expect(LaxInteger.validate(value) == expected)
        }
    }
}
