extension ByteSize {
    /// Decodes a size from a number of bytes (`1048576`) or from size syntax (`"1MiB"`).
    ///
    /// Declared here instead of relying on the synthesized conformance, which would expect a
    /// keyed `{"bytes": …}` object that nobody writes in YAML or JSON by hand.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bytes = try? container.decode(Int64.self) {
            self.init(bytes: bytes)
            return
        }
        let text: String
        do {
            text = try container.decode(String.self)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(SizeSyntaxError.expectation) or a number of bytes")
        }
        do {
            self = try ByteSize.parse(text)
        } catch let error as SizeSyntaxError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the size as a plain number of bytes, which ``init(from:)`` reads back exactly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
