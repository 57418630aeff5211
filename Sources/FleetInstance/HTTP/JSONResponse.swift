import Hummingbird

/// Builds responses whose body is exact JSON text (see `JSONValue.serialized`).
public enum JSONResponse {
    /// A response with `content-type: application/json` and `body` serialized compactly.
    public static func make(status: HTTPResponse.Status = .ok, body: JSONValue) -> Response {
        let bytes = body.bytes
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// `{"status":"ok"}`, the success body of the showcase endpoints and `do_something`.
    public static var ok: Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .contentLength: okLength],
            body: ResponseBody(byteBuffer: okBody))
    }

    // The most frequent answer is serialized once; each response shares the buffer.
    private static let okBody = ByteBuffer(bytes: JSONValue.object([("status", .string("ok"))]).bytes)
    private static let okLength = String(okBody.readableBytes)

    /// 304 with no body and no content type, as the original answers a repeated start or stop.
    public static var notModified: Response { Response(status: .notModified) }
}
