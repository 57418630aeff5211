import Foundation
import Hummingbird

/// A refused console request: a 4xx (or 502 when the fleet does not answer) with a JSON body
/// `{"detail": "…"}`, the shape of the instances' own errors.
public struct ConsoleError: HTTPResponseError, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What is wrong, for a person.
    public var detail: String

    /// A refusal with `status` and `detail`.
    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    static let notSignedIn = ConsoleError(.unauthorized, "Not authenticated")
    static let badCSRF = ConsoleError(.forbidden, "Missing or wrong CSRF token; reload the page")
    static let instructorOnly = ConsoleError(.forbidden, "Only the instructor may do this")
    static let studentOnly = ConsoleError(.forbidden, "Only a student may do this")

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        ConsoleResponse.json(["detail": detail], status: status)
    }
}
