extension FleetConfig {
    /// The addresses every HTTP server of the fleet binds (instances, supervisor's `/metrics`):
    /// `fleet.host`, plus `classroom.listen` when set.
    ///
    /// A wildcard `listen` (`0.0.0.0`, `::`) already covers loopback, and Linux refuses a wildcard
    /// bind next to a specific one on the same port, so it is bound alone; the fleet's own
    /// clients still reach it on `fleet.host`.
    public var listenHosts: [String] {
        guard let listen = classroom.listen, listen != fleet.host else { return [fleet.host] }
        if LocalAddresses.isWildcard(listen), LocalAddresses.covers(wildcard: listen, host: fleet.host) { return [listen] }
        return [fleet.host, listen]
    }

    /// The one address Prometheus listens on: it takes a single `--web.listen-address`.
    ///
    /// `fleet.host` without `listen`; a wildcard `listen` as is (it covers loopback, where the
    /// fleet probes it); a specific `listen` address as is, and then the fleet reaches
    /// Prometheus there too (``prometheusClientHost``), since binding the wildcard instead
    /// would open Prometheus on every network of the machine, not only the room's.
    public var prometheusListenHost: String {
        classroom.listen ?? fleet.host
    }

    /// Where the fleet itself reaches Prometheus: loopback unless Prometheus listens only on a
    /// specific `listen` address.
    public var prometheusClientHost: String {
        let listen = prometheusListenHost
        if listen == fleet.host || (LocalAddresses.isWildcard(listen) && LocalAddresses.covers(wildcard: listen, host: fleet.host)) {
            return fleet.host
        }
        return listen
    }

    /// The addresses the class should open, one per server (for `fleet up` and `fleet roster`):
    /// the `listen` address, or, for a wildcard, each non-loopback address of the machine.
    public var classroomHosts: [String] {
        guard let listen = classroom.listen, !LoopbackHost.isLoopback(listen) else { return [] }
        guard LocalAddresses.isWildcard(listen) else { return [listen] }
        return LocalAddresses.externalAddresses(ipv6: listen.contains(":"))
    }
}
