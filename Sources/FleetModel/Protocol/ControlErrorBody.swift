/// `error` of an error reply: a stable code and a sentence for people.
public struct ControlErrorBody: Codable, Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
