/// What happens to the requests of the endpoints a fault scenario affects.
public enum RequestFault: Sendable, Equatable {
    /// scenario4: the answer comes later.
    case latency(AddedLatency)
    /// scenario5: a share of the answers is a 500.
    case errors(ErrorDraw)
}
