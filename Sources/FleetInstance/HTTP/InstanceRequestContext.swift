import Hummingbird
import NIOCore

/// The instance's request context: Hummingbird's basic one plus the client's address, which the
/// scenario-control guard throttles failed authentications by.
public struct InstanceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected client, `nil` for requests that did not come over a socket (router tests).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
