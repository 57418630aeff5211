import Hummingbird

/// An error answered with FastAPI's JSON shape: `{"detail": "..."}` or `{"detail": [issues]}`.
///
/// Every refusal of the instance goes through this type so no request can end in a 500 or an
/// HTML page: the `ErrorResponseMiddleware` turns it (and anything else thrown) into a response.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// The value of `detail`: a string, or the list of validation issues.
    public var detail: JSONValue
    /// Extra headers, such as `allow` on a 405.
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, detail: JSONValue, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// `{"detail": message}` with `status`.
    public static func detail(_ status: HTTPResponse.Status, _ message: String) -> APIError {
        APIError(status: status, detail: .string(message))
    }

    /// 422 with pydantic-style issues.
    public static func validation(_ issues: [ValidationIssue]) -> APIError {
        APIError(status: .unprocessableContent, detail: .array(issues.map(\.json)))
    }

    /// The JSON body, `{"detail": ...}`.
    public var body: JSONValue { .object([("detail", detail)]) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(status: status, body: body)
        response.headers.append(contentsOf: headers)
        return response
    }
}
