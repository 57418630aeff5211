import Foundation
import Hummingbird

/// Responses of the console, every one with the same protective headers.
enum ConsoleResponse {
    /// No inline script or style, nothing from another origin, never framed: the page is served
    /// whole by the console (a classroom may have no internet).
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        HeaderName("X-Content-Type-Options")!: "nosniff",
        HeaderName("X-Frame-Options")!: "DENY",
        HeaderName("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store",
    ]

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data(#"{"detail":"unencodable"}"#.utf8)
        return body(ByteBuffer(bytes: data), type: "application/json", status: status)
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        body(ByteBuffer(string: text), type: type, status: status)
    }

    static func body(_ buffer: ByteBuffer, type: String, status: HTTPResponse.Status) -> Response {
        var headers = securityHeaders
        headers[.contentType] = type
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// `303 See Other` to `location`, for the sign-in form.
    static func redirect(to location: String) -> Response {
        var headers = securityHeaders
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .seeOther, headers: headers)
    }
}

/// A header's name (Hummingbird re-exports `HTTPFields`, whose elements are HTTP types' fields).
typealias HeaderName = HTTPFields.Element.Name
