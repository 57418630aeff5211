import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A minimal HTTP/1.1 keep-alive client for loopback requests, one at a time.
///
/// The rate-limit scenario needs nothing more than "GET this path and tell me the status"
/// against its own port; a full client library would cost build time and idle memory in every
/// instance for no gain.
public final class LoopbackHTTPClient: Sendable {
    private let channel: any Channel
    private let hostHeader: String
    /// Set as soon as a close is requested; the channel itself reports inactive only later.
    private let closing = Atomic<Bool>(false)

    private init(channel: any Channel, hostHeader: String) {
        self.channel = channel
        self.hostHeader = hostHeader
    }

    /// Connects to `host:port`; requests carry `Host: hostHeader`.
    public static func connect(
        host: String, port: Int, hostHeader: String,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> LoopbackHTTPClient {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(2))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusCodeHandler())
                }
            }
        // An address literal (the usual 127.0.0.1) skips the resolver (getaddrinfo on a
        // blocking thread) that every scenario3 (re)connect would otherwise pay.
        let connecting = if let address = try? SocketAddress(ipAddress: host, port: port) {
            bootstrap.connect(to: address)
        } else {
            bootstrap.connect(host: host, port: port)
        }
        let channel = try await connecting.get()
        return LoopbackHTTPClient(channel: channel, hostHeader: hostHeader)
    }

    /// Sends `GET path` and returns the response status code. Cancelling the calling task closes
    /// the connection, so a request the server is sleeping on does not delay a stop.
    public func get(_ path: String) async throws -> Int {
        // Cancelled already: `onCancel` below would close the channel before the write, and the
        // request's promise would never reach the pipeline.
        try Task.checkCancellation()
        let promise = channel.eventLoop.makePromise(of: Int.self)
        // A write that fails before reaching `StatusCodeHandler` (closed channel) must still
        // complete the request; completing an already completed promise is a no-op in NIO.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { promise.fail($0) }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: hostHeader)
        let request = PendingRequest(head: head, promise: promise)
        return try await withTaskCancellationHandler {
            channel.writeAndFlush(request, promise: written)
            return try await promise.futureResult.get()
        } onCancel: {
            close()
        }
    }

    /// Whether another request may be sent: no close was requested and the peer has not closed.
    public var isOpen: Bool {
        !closing.load(ordering: .acquiring) && channel.isActive
    }

    /// Starts closing the connection and returns at once: nothing more is sent on it, and a
    /// stopping scenario need not wait for the event loop to finish the close.
    public func close() {
        closing.store(true, ordering: .releasing)
        channel.close(promise: nil)
    }
}

/// A request and the promise of its status, handed to the pipeline together.
private struct PendingRequest: Sendable {
    var head: HTTPRequestHead
    var promise: EventLoopPromise<Int>
}

/// Writes requests and completes their promises in order as responses end.
private final class StatusCodeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = PendingRequest
    typealias OutboundOut = HTTPClientRequestPart

    private var waiting: [EventLoopPromise<Int>] = []
    private var status: Int?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        waiting.append(request.promise)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body:
            break
        case .end:
            if !waiting.isEmpty {
                waiting.removeFirst().succeed(status ?? 0)
            }
            status = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        let promises = waiting
        waiting.removeAll()
        for promise in promises { promise.fail(error) }
    }
}
