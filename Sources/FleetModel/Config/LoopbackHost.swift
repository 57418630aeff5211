#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognizes loopback addresses, the only ones fleetsim serves on.
///
/// The fleet deliberately runs a misbehaving service (leaks, disk fills, rate limits): binding
/// it to a routable address would expose that to the network, so `fleet.host` and `tcp://`
/// control endpoints must stay on this machine.
enum LoopbackHost {
    /// `localhost` (any case), an IPv4 address in 127.0.0.0/8, or the IPv6 loopback `::1`
    /// (also spelled out, or IPv4-mapped as `::ffff:127.0.0.1`).
    ///
    /// Addresses are parsed with `inet_pton`, the same parser the servers bind with, so a
    /// text accepted here is one the servers accept (`127.1` and `0x7f.0.0.1` are not).
    static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }

        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            // s_addr is in network byte order: its first byte in memory is the first octet.
            return withUnsafeBytes(of: &v4) { $0[0] } == 127
        }

        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            let isLoopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let isMappedV4Loopback = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                && bytes[12] == 127
            return isLoopback || isMappedV4Loopback
        }
        return false
    }
}
