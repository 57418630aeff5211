import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Keeps a response's status and drops its body: the generator only counts answers, so no
/// body is buffered and no `Response` is built for each of its thousand requests a second.
final class StatusOnlyDelegate: HTTPClientResponseDelegate, @unchecked Sendable {
    // Written and read only on the request's event loop, as async-http-client calls a delegate.
    private var status = 0

    func didReceiveHead(task: HTTPClient.Task<Int>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        status = Int(head.status.code)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Int>) throws -> Int { status }
}
