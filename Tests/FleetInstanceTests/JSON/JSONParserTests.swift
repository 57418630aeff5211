import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// `JSONParser` reports malformed bodies exactly as Python's `json` module does (FastAPI puts
    /// the position in `loc` and the message in `ctx.error`). Expected values were produced with
    /// `json.loads` (CPython 3.11) and are hard-coded here.
    @Suite("JSON parser")
    struct JSONParserTests {
        struct Malformed: CustomTestStringConvertible, Sendable {
            var input: String
            var position: Int
            var message: String
            var testDescription: String { "\(input.debugDescription) → \(position) \(message)" }
        }

        static let malformed: [Malformed] = [
            Malformed(input: "{bad", position: 1, message: "Expecting property name enclosed in double quotes"),
            Malformed(input: "[1,]", position: 3, message: "Expecting value"),
            Malformed(input: #"{"a" 1}"#, position: 5, message: "Expecting ':' delimiter"),
            Malformed(input: #""abc"#, position: 0, message: "Unterminated string starting at"),
            Malformed(input: "1 2", position: 2, message: "Extra data"),
            Malformed(input: "", position: 0, message: "Expecting value"),
            Malformed(input: "   ", position: 3, message: "Expecting value"),
            Malformed(input: #"{"a":1,}"#, position: 7, message: "Expecting property name enclosed in double quotes"),
            Malformed(input: "[1 2]", position: 3, message: "Expecting ',' delimiter"),
            Malformed(input: #"{"a":1 "b":2}"#, position: 7, message: "Expecting ',' delimiter"),
            Malformed(input: #"{"a"}"#, position: 4, message: "Expecting ':' delimiter"),
            Malformed(input: "{1:2}", position: 1, message: "Expecting property name enclosed in double quotes"),
            Malformed(input: "tru", position: 0, message: "Expecting value"),
            Malformed(input: "nul", position: 0, message: "Expecting value"),
            Malformed(input: "-", position: 0, message: "Expecting value"),
            Malformed(input: "[", position: 1, message: "Expecting value"),
            Malformed(input: "{", position: 1, message: "Expecting property name enclosed in double quotes"),
            Malformed(input: "01", position: 1, message: "Extra data"),
            Malformed(input: "-01", position: 2, message: "Extra data"),
            Malformed(input: "1.", position: 1, message: "Extra data"),
            Malformed(input: "1.5e", position: 3, message: "Extra data"),
            Malformed(input: #"{"value": 5}x"#, position: 12, message: "Extra data"),
            Malformed(input: #"{"a":"\x"}"#, position: 6, message: "Invalid \\escape"),
            Malformed(input: "{\"a\":\"b\u{01}\"}", position: 7, message: "Invalid control character at"),
            Malformed(input: "\"é\\", position: 0, message: "Unterminated string starting at"),
            Malformed(input: "\"éabc", position: 0, message: "Unterminated string starting at"),
            // Positions count characters, not UTF-8 bytes.
            Malformed(input: #"["é😀", x]"#, position: 7, message: "Expecting value"),
            Malformed(input: #""\u12""#, position: 2, message: "Invalid \\uXXXX escape"),
            Malformed(input: #""\u12zz""#, position: 2, message: "Invalid \\uXXXX escape"),
            Malformed(input: #"["\uZZZZ"]"#, position: 3, message: "Invalid \\uXXXX escape"),
            Malformed(input: #""ab\u""#, position: 4, message: "Invalid \\uXXXX escape"),
        ]

        @Test("malformed input: Python's position and message", arguments: malformed)
        func malformedInput(_ example: Malformed) {
            do {
                let value = try JSONParser.parse(example.input)
                Issue.record("parsed as \(value)")
            } catch {
                #expect(error.position == example.position, "position")
                #expect(error.message == example.message, "message")
            }
        }

        @Test("nesting is bounded, so a body of brackets cannot exhaust the stack")
        func nestingDepthIsBounded() {
            let shallow = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
            #expect(throws: Never.self) { try JSONParser.parse(shallow) }
            for deep in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000)] {
                #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
            }
        }

        @Test("object keys keep their order; a repeated key keeps its first place and last value")
        func keyOrder() throws {
            let value = try JSONParser.parse(#"{"b":1,"a":[true,false,null],"c":{"z":0},"b":2}"#)
            guard case .object(let members) = value else {
                Issue.record("not an object: \(value)")
                return
            }
            #expect(members.map(\.0) == ["b", "a", "c"])
            #expect(value["b"] == .int(2))
            #expect(value["a"] == .array([.bool(true), .bool(false), .null]))
            #expect(value["c"] == .object([("z", .int(0))]))
            #expect(value.serialized == #"{"b":2,"a":[true,false,null],"c":{"z":0}}"#)
        }

        @Test("escapes and unicode")
        func escapesAndUnicode() throws {
            let value = try JSONParser.parse(#""\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r é😀""#)
            #expect(value == .string("é😀\n\t\"\\/\u{08}\u{0C}\r é😀"))
            #expect(try JSONParser.parse(#""\u00E9""#) == .string("é"))
            #expect(try JSONParser.parse(" \t\r\n{\"k\" : [ 1 , 2 ] }\n ") == .object([("k", .array([.int(1), .int(2)]))]))
        }

        @Test("numbers: integers stay integers, everything else is a double")
        func numbers() throws {
            #expect(try JSONParser.parse("0") == .int(0))
            #expect(try JSONParser.parse("-7") == .int(-7))
            #expect(try JSONParser.parse("9223372036854775807") == .int(.max))
            #expect(try JSONParser.parse("5.0") == .double(5))
            #expect(try JSONParser.parse("5.5") == .double(5.5))
            #expect(try JSONParser.parse("-1.5e3") == .double(-1500))
            #expect(try JSONParser.parse("1E-2") == .double(0.01))
            #expect(try JSONParser.parse("Infinity") == .double(.infinity))
            #expect(try JSONParser.parse("-Infinity") == .double(-.infinity))
            guard case .double(let nan) = try JSONParser.parse("NaN") else {
                Issue.record("NaN is not a double")
                return
            }
            #expect(nan.isNaN)
        }
    }

    /// `JSONValue.serialized` writes what `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`
    /// writes; the expected strings were produced by CPython 3.11.
    @Suite("JSON serialization")
    struct JSONSerializationTests {
        @Test("compact, ordered, non-ASCII kept")
        func compactObjects() {
            let value = JSONValue.object([
                ("b", .int(2)), ("a", .array([.bool(true), .bool(false), .null])),
                ("c", .object([("z", .string("é😀\n\t\"\\/"))])),
            ])
            #expect(value.serialized == "{\"b\":2,\"a\":[true,false,null],\"c\":{\"z\":\"é😀\\n\\t\\\"\\\\/\"}}")
            #expect(JSONValue.object([("é", .string("ü"))]).serialized == #"{"é":"ü"}"#)
            #expect(JSONValue.object([]).serialized == "{}")
            #expect(JSONValue.array([]).serialized == "[]")
            #expect(JSONValue.array([.int(1), .int(-2), .int(.max)]).serialized == "[1,-2,9223372036854775807]")
        }

        @Test("control characters: short escapes where Python has them, \\u00XX otherwise; DEL and U+2028 raw")
        func controlCharacters() {
            let value = JSONValue.string("ctrl\u{01}\u{1f}\u{7f}\u{2028} é 😀 \u{08}\u{0C}\r")
            #expect(value.serialized == "\"ctrl\\u0001\\u001f\u{7f}\u{2028} é 😀 \\b\\f\\r\"")
            #expect(value.bytes == Array(value.serialized.utf8))
        }

        @Test("floats are written like Python's repr", arguments: [
            (1.5, "1.5"), (1e-05, "1e-05"), (1e16, "1e+16"), (123456789.0, "123456789.0"), (0.1, "0.1"),
            (-0.0, "-0.0"), (1e22, "1e+22"), (2.5e-07, "2.5e-07"), (100.0, "100.0"), (1e15, "1000000000000000.0"),
            (9007199254740993.0, "9007199254740992.0"), (0.0001, "0.0001"), (1.0 / 3.0, "0.3333333333333333"),
            (1152921504606846976.0, "1.152921504606847e+18"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (12345678901234567.0, "1.2345678901234568e+16"), (5.5, "5.5"),
        ])
        func floats(_ number: Double, _ expected: String) {
            #expect(JSONValue.double(number).serialized == expected)
        }

        /// Python would write bare `NaN`/`Infinity`, which is not JSON (and Starlette refuses to
        /// send it: a 500). The instance writes them as strings so an echoed input stays valid JSON.
        @Test("non-finite numbers are written as JSON strings", arguments: [
            (Double.infinity, #""Infinity""#), (-Double.infinity, #""-Infinity""#), (Double.nan, #""NaN""#),
        ])
        func nonFinite(_ number: Double, _ expected: String) throws {
            let text = JSONValue.array([.double(number)]).serialized
            #expect(text == "[\(expected)]")
            #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [Any])
        }

        @Test("a sample object of mixed floats")
        func mixedFloats() {
            let value = JSONValue.object([
                ("x", .double(1.5)), ("y", .double(1e-5)), ("z", .double(1e16)), ("w", .double(123456789)),
                ("v", .double(0.1)), ("u", .double(-0.0)), ("t", .double(1e22)), ("s", .double(2.5e-7)), ("r", .double(100)),
            ])
            #expect(value.serialized == #"{"x":1.5,"y":1e-05,"z":1e+16,"w":123456789.0,"v":0.1,"u":-0.0,"t":1e+22,"s":2.5e-07,"r":100.0}"#)
        }

        @Test("parse then serialize gives Python's compact form", arguments: [
            (#"{ "b" : 1 , "a" : [ true , null ] }"#, #"{"b":1,"a":[true,null]}"#),
            (#"{"k":"\u00e9\ud83d\ude00"}"#, #"{"k":"é😀"}"#),
            (#"[1.0, 2.50, -0, 1E2]"#, "[1.0,2.5,0,100.0]"),
            (#""\u0001\u007f""#, "\"\\u0001\u{7f}\""),
        ])
        func roundTrip(_ input: String, _ expected: String) throws {
            #expect(try JSONParser.parse(input).serialized == expected)
        }

        @Test("a validation issue serializes in FastAPI's key order")
        func validationIssueShape() {
            let error = APIError.validation([
                .invalidEnum([.string("query"), .string("action")], input: .string("bogus"), allowed: ["start", "stop"]),
            ])
            #expect(error.body.serialized
                == #"{"detail":[{"type":"enum","loc":["query","action"],"msg":"Input should be 'start' or 'stop'","input":"bogus","ctx":{"expected":"'start' or 'stop'"}}]}"#)
            let three = ValidationIssue.invalidEnum([], input: .null, allowed: ["a", "b", "c"])
            #expect(three.message == "Input should be 'a', 'b' or 'c'")
        }
    }
}
