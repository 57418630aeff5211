import Hummingbird
import NIOCore

/// The request context of the console: Hummingbird's basics plus the peer's address, which the
/// sign-in throttle counts failures by.
public struct ConsoleRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The browser's address; nil in router tests, which have no socket.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The throttle's key: the peer's IP address without its port.
    var sourceKey: String { remoteAddress?.ipAddress ?? "unknown" }

    /// Request bodies of the console are small JSON objects or the sign-in form.
    public var maxUploadSize: Int { 16 * 1024 }
}
