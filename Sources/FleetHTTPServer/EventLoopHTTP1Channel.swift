import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel, with each connection's task preferring its channel's
/// event loop as task executor (see ``EventLoopTaskExecutor``).
///
/// Hummingbird 2.28 has no option for this (its server adds each connection's task to a task
/// group with no executor preference), but its child channel is a public protocol: this one
/// only wraps `HTTP1Channel`'s `handle` in `withTaskExecutorPreference`. Handlers then run on
/// the event loop, so they must not block it; long work belongs in tasks of its own.
public struct EventLoopHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    /// The channel whose pipeline and request loop are used unchanged.
    public let base: HTTP1Channel

    /// Wraps `base`.
    public init(base: HTTP1Channel) {
        self.base = base
    }

    /// The pipeline of `base`.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    /// Serves the connection with `base`'s request loop, on the connection's event loop.
    public func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop: value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 whose connections run on their own event loop (``EventLoopHTTP1Channel``).
    public static func http1OnEventLoop(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in
            EventLoopHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}
