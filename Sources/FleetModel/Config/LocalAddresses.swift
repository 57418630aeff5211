#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The addresses this machine has, for checking `classroom.listen` before anything binds it.
public enum LocalAddresses {
    /// An address in binary form: 4 bytes for IPv4, 16 for IPv6.
    typealias Bytes = [UInt8]

    /// Whether a server could bind `host` here: a wildcard (`0.0.0.0`, `::`), a loopback
    /// address, or an address of one of the machine's interfaces.
    public static func isBindable(_ host: String) -> Bool {
        if LoopbackHost.isLoopback(host) || isWildcard(host) { return true }
        guard let wanted = parse(host) else { return false }
        return interfaceAddresses().contains(wanted)
    }

    /// `0.0.0.0` or `::` (any spelling): every address of the machine.
    public static func isWildcard(_ host: String) -> Bool {
        guard let bytes = parse(host) else { return false }
        return bytes.allSatisfy { $0 == 0 }
    }

    /// Whether `host` is an IPv4 or IPv6 address literal (what `listen` must be).
    public static func isAddressLiteral(_ host: String) -> Bool { parse(host) != nil }

    /// Whether a server bound to `wildcard` also answers on `host`: `0.0.0.0` covers IPv4
    /// addresses, `::` covers both families (Linux binds it dual-stack by default).
    static func covers(wildcard: String, host: String) -> Bool {
        let hostBytes = parse(host) ?? (host.lowercased() == "localhost" ? [127, 0, 0, 1] : nil)
        guard let wildcardBytes = parse(wildcard), let hostBytes else { return false }
        return wildcardBytes.count == 16 || hostBytes.count == 4
    }

    /// The machine's addresses other than loopback and link-local, as text, IPv4 first.
    public static func externalAddresses(ipv6: Bool) -> [String] {
        interfaceAddresses().compactMap { bytes -> String? in
            if bytes.count == 4 {
                guard bytes[0] != 127, !(bytes[0] == 169 && bytes[1] == 254) else { return nil }
                return bytes.map(String.init).joined(separator: ".")
            }
            guard ipv6, bytes[0..<15].contains(where: { $0 != 0 }) || bytes[15] != 1, !(bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80) else {
                return nil
            }
            var raw = in6_addr()
            withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count)) != nil else { return nil }
            return String(cString: text)
        }.sorted { ($0.contains(":") ? 1 : 0, $0) < ($1.contains(":") ? 1 : 0, $1) }
    }

    /// `host` as bytes via `inet_pton`, the parser the servers bind with.
    static func parse(_ host: String) -> Bytes? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Every IPv4 and IPv6 address of the machine's interfaces (`getifaddrs`).
    static func interfaceAddresses() -> Set<Bytes> {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var addresses: Set<Bytes> = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var raw = v4.pointee.sin_addr
                    addresses.insert(withUnsafeBytes(of: &raw) { Array($0) })
                }
            case AF_INET6:
                address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                    var raw = v6.pointee.sin6_addr
                    addresses.insert(withUnsafeBytes(of: &raw) { Array($0) })
                }
            default:
                continue
            }
        }
        return addresses
    }
}
