import FleetModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks made before anything is spawned, so an impossible fleet is refused with a clear
/// message instead of half-starting.
public enum Preflight {
    /// A refusal, ready to print.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every port the fleet needs must be free on its host.
    public static func checkPorts(_ config: FleetConfig, extraPorts: [(String, Int)] = []) throws {
        var needed: [(String, Int)] = config.instanceIDs.enumerated().map { ("instance \($1)", config.port(ordinal: $0 + 1)) }
        needed += extraPorts
        var seen: [Int: String] = [:]
        var hosts = config.listenHosts
        if !hosts.contains(config.fleet.host) { hosts.insert(config.fleet.host, at: 0) }
        for (owner, port) in needed {
            if let other = seen[port] {
                throw Refusal(description: "port \(port) is wanted by both \(other) and \(owner)")
            }
            seen[port] = owner
            // Every address a server binds: fleet.host, and classroom.listen when set.
            for host in hosts where !isFree(host: host, port: port) {
                throw Refusal(description: "port \(port) (\(owner)) is already in use on \(host); choose another base_port or stop what uses it")
            }
        }
    }

    /// The fleet's scenario caps, and Prometheus' `retention_size` when it runs, must fit in
    /// the machine's free memory and disk.
    public static func checkResources(_ config: FleetConfig, prometheusRuns: Bool = false) throws {
        let problems = config.validateResources(
            freeMemory: MachineResources.freeMemory(),
            freeDisk: MachineResources.freeDisk(at: existingAncestor(of: config.fleet.dataDir)),
            prometheusStored: prometheusRuns ? PrometheusDataFolder(config: config).storedBytes() : nil)
        if !problems.isEmpty {
            throw Refusal(description: problems.joined(separator: "\n"))
        }
    }

    /// True when `host:port` can be bound right now (with SO_REUSEADDR, as the servers bind).
    public static func isFree(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { return false }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        return bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
    }

    private static func existingAncestor(of path: String) -> String {
        var current = path
        while !FileManager.default.fileExists(atPath: current), current != "/" {
            current = (current as NSString).deletingLastPathComponent
            if current.isEmpty { return "." }
        }
        return current
    }
}
