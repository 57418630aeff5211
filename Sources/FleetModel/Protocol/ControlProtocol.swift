import Foundation

/// The fleet's ZeroMQ control protocol: versioned JSON, one JSON object per message frame.
///
/// `docs/control-protocol.md` is the reference for clients in other languages; these types are
/// its Swift side. Every message carries `"v": 1`; a message of another version, of unknown
/// type, not JSON, or larger than `maxMessageBytes` is answered with an error (on the command
/// endpoint) or dropped with a log line (on the instance link) — never a crash.
public enum ControlProtocol {
    /// The protocol version this build speaks.
    public static let version = 1
    /// Larger frames are refused; ZeroMQ disconnects peers that send more (`ZMQ_MAXMSGSIZE`).
    public static let maxMessageBytes = 64 * 1024

    /// Encodes a message as compact JSON with stable key order.
    public static func encode(_ message: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(message))) ?? []
    }

    /// Decodes a message, checking the version first so old and new peers get a clear error.
    /// - Parameter maxBytes: larger messages are refused (replies from a trusted supervisor may
    ///   allow more than `maxMessageBytes`).
    public static func decode<Message: Decodable>(
        _ type: Message.Type, from bytes: [UInt8], maxBytes: Int = maxMessageBytes
    ) throws(ControlProtocolError) -> Message {
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes.count) }
        let data = Data(bytes)
        let header: VersionHeader
        do {
            header = try JSONDecoder().decode(VersionHeader.self, from: data)
        } catch {
            throw .malformed(Self.describe(error))
        }
        guard header.v == version else { throw .unsupportedVersion(header.v) }
        do {
            return try JSONDecoder().decode(Message.self, from: data)
        } catch let refusal as ControlProtocolError {
            throw refusal
        } catch {
            throw .malformed(Self.describe(error))
        }
    }

    private struct VersionHeader: Decodable {
        var v: Int
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "wrong type at '\(path)': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "invalid value at '\(path)': \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// Why a control message was refused.
public enum ControlProtocolError: Error, Equatable, CustomStringConvertible {
    case tooLarge(Int)
    case unsupportedVersion(Int)
    case malformed(String)
    /// Valid JSON asking for something that does not exist (an unknown scenario, say): answered
    /// with the body's own code, and the request's id when it had one.
    case refused(ControlErrorBody, requestID: String?)

    /// The id of the refused request, when it could be read: the error reply echoes it.
    public var requestID: String? {
        if case .refused(_, let id) = self { return id }
        return nil
    }

    /// The stable `error.code` of an error reply.
    public var code: String {
        switch self {
        case .tooLarge: return "too_large"
        case .unsupportedVersion: return "unsupported_version"
        case .malformed: return "malformed"
        case .refused(let body, _): return body.code
        }
    }

    public var description: String {
        switch self {
        case .tooLarge(let size): return "message of \(size) bytes exceeds \(ControlProtocol.maxMessageBytes)"
        case .unsupportedVersion(let version): return "protocol version \(version) is not supported (this fleet speaks \(ControlProtocol.version))"
        case .malformed(let reason): return "malformed message: \(reason)"
        case .refused(let body, _): return body.message
        }
    }
}
