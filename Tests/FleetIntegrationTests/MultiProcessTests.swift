import Testing

/// Every multi-process suite nests here, so that only one real fleet runs at a time: each one
/// is several processes on a 2-core machine, and ports must not collide.
@Suite(.serialized)
enum MultiProcessTests {}
