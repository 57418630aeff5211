/// One entry of a FastAPI/pydantic validation error (`{"detail": [ ... ]}` with status 422).
///
/// Field names, order and wording follow pydantic 2 so that clients written against the original
/// service (and the lab handout) see the same bodies.
public struct ValidationIssue: Sendable, Equatable {
    /// pydantic's error type, e.g. `missing`, `enum`, `int_parsing`, `json_invalid`.
    public var type: String
    /// Where the bad value was: `["query", "action"]`, `["body", "value"]`, `["body", 1]`.
    public var location: [JSONValue]
    public var message: String
    public var input: JSONValue
    public var context: [(String, JSONValue)]?

    public init(type: String, location: [JSONValue], message: String, input: JSONValue, context: [(String, JSONValue)]? = nil) {
        self.type = type
        self.location = location
        self.message = message
        self.input = input
        self.context = context
    }

    public static func == (lhs: ValidationIssue, rhs: ValidationIssue) -> Bool {
        lhs.json == rhs.json
    }

    /// The entry as FastAPI serializes it: `type`, `loc`, `msg`, `input`, then `ctx` when present.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string(type)),
            ("loc", .array(location)),
            ("msg", .string(message)),
            ("input", input),
        ]
        if let context { members.append(("ctx", .object(context))) }
        return .object(members)
    }
}

extension ValidationIssue {
    /// A required parameter or body is absent.
    public static func missing(_ location: [JSONValue], input: JSONValue = .null) -> ValidationIssue {
        ValidationIssue(type: "missing", location: location, message: "Field required", input: input)
    }

    /// A string that is not an integer.
    public static func intParsing(_ location: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(
            type: "int_parsing", location: location,
            message: "Input should be a valid integer, unable to parse string as an integer", input: input)
    }

    /// A number with a fractional part where an integer is required.
    public static func intFromFloat(_ location: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(
            type: "int_from_float", location: location,
            message: "Input should be a valid integer, got a number with a fractional part", input: input)
    }

    /// A value of the wrong JSON type (null, array, object) where an integer is required.
    public static func intType(_ location: [JSONValue], input: JSONValue) -> ValidationIssue {
        ValidationIssue(type: "int_type", location: location, message: "Input should be a valid integer", input: input)
    }

    /// A value outside an enumeration, e.g. `action=bogus`.
    public static func invalidEnum(_ location: [JSONValue], input: JSONValue, allowed: [String]) -> ValidationIssue {
        let expected = Self.pythonEnumeration(allowed)
        return ValidationIssue(
            type: "enum", location: location, message: "Input should be \(expected)", input: input,
            context: [("expected", .string(expected))])
    }

    /// A body that is not JSON; `position` is where Python's `json` module stopped.
    public static func jsonInvalid(position: Int, error: String) -> ValidationIssue {
        ValidationIssue(
            type: "json_invalid", location: [.string("body"), .int(Int64(position))], message: "JSON decode error",
            input: .object([]), context: [("error", .string(error))])
    }

    /// A JSON body that is not an object where a model is expected.
    public static func modelAttributesType(input: JSONValue) -> ValidationIssue {
        ValidationIssue(
            type: "model_attributes_type", location: [.string("body")],
            message: "Input should be a valid dictionary or object to extract fields from", input: input)
    }

    /// `'start' or 'stop'`, `'a', 'b' or 'c'`: pydantic's list of allowed literals.
    private static func pythonEnumeration(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
