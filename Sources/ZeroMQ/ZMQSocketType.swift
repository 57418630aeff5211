import CZeroMQ

/// The ZeroMQ socket patterns this wrapper exposes.
public enum ZMQSocketType: Sendable, Hashable, CustomStringConvertible {
    /// Synchronous request side: strict send, receive, send, ... alternation.
    case req
    /// Synchronous reply side: strict receive, send, receive, ... alternation.
    case rep
    /// Asynchronous request side: load-balances outgoing, fair-queues incoming.
    case dealer
    /// Asynchronous reply side: incoming messages start with the peer's routing id frame,
    /// outgoing messages must start with the routing id of the peer to reach.
    case router
    /// Publisher: fans messages out to every matching subscriber; never blocks, drops at HWM.
    case pub
    /// Subscriber: receives only messages whose first frame starts with a subscribed prefix.
    case sub
    /// Pipeline producer: load-balances messages over connected pullers.
    case push
    /// Pipeline consumer: fair-queues messages from connected pushers.
    case pull
    /// Exclusive pair: exactly one peer.
    case pair

    /// The libzmq constant (`ZMQ_REQ`, ...).
    var rawValue: Int32 {
        switch self {
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        }
    }

    /// The lowercase libzmq name, e.g. `router`, for logs and error messages.
    public var description: String {
        switch self {
        case .req: "req"
        case .rep: "rep"
        case .dealer: "dealer"
        case .router: "router"
        case .pub: "pub"
        case .sub: "sub"
        case .push: "push"
        case .pull: "pull"
        case .pair: "pair"
        }
    }
}
