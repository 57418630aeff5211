import FleetModel
import Logging
import Testing
@testable import FleetSupervisor

/// What the supervisor does for a class: Prometheus' listen address and flags, the owners in
/// its metrics.
@Suite struct ClassroomSupervisorTests {
    func server(listen: String?) -> PrometheusServer {
        var config = FleetConfig()
        config.prometheus.port = 30090
        config.classroom.listen = listen
        return PrometheusServer(
            configuration: PrometheusConfiguration(config: config, directory: "/tmp/p"), binary: "/usr/bin/prometheus",
            ruleFiles: [], logger: Logger(label: "test"))
    }

    @Test func prometheusListensOnTheClassAddressWithoutAdminOrLifecycleAPI() {
        for (listen, address, client) in [
            (nil, "127.0.0.1:30090", "http://127.0.0.1:30090"),
            ("0.0.0.0", "0.0.0.0:30090", "http://127.0.0.1:30090"),
            ("192.0.2.10", "192.0.2.10:30090", "http://192.0.2.10:30090"),
            ("::", "[::]:30090", "http://127.0.0.1:30090"),
        ] as [(String?, String, String)] {
            let prometheus = server(listen: listen)
            let arguments = prometheus.guardedArguments()
            #expect(arguments.contains("--web.listen-address=\(address)"), "\(arguments)")
            #expect(arguments.filter { $0.hasPrefix("--web.listen-address") }.count == 1)
            #expect(!arguments.contains { $0.contains("enable-admin-api") || $0.contains("enable-lifecycle") })
            #expect(prometheus.url == client)
        }
    }

    @Test func ownersAreALabelOfTheirOwnInfoMetricNeverAToken() {
        let metrics = SupervisorMetrics(
            instanceIDs: ["svc-01", "svc-02", "svc-03"], exposeTruth: false,
            roster: [RosterEntry(name: "Ada", instanceID: "svc-01"), RosterEntry(name: "Grace", instanceID: "svc-02")])
        let text = String(decoding: metrics.registry.emitToBuffer(), as: UTF8.self)
        #expect(text.contains(#"fleet_instance_owner_info{instance="svc-01",owner="Ada"} 1"#))
        #expect(text.contains(#"fleet_instance_owner_info{instance="svc-02",owner="Grace"} 1"#))
        #expect(!text.contains(#"instance="svc-03",owner"#))
    }

    @Test func listenHostsBindTheClassAddressBesideLoopback() {
        var config = FleetConfig()
        #expect(config.listenHosts == ["127.0.0.1"])
        config.classroom.listen = "127.0.0.1"
        #expect(config.listenHosts == ["127.0.0.1"])
        config.classroom.listen = "0.0.0.0"
        // The wildcard covers loopback; binding both would fail with EADDRINUSE on Linux.
        #expect(config.listenHosts == ["0.0.0.0"])
        config.classroom.listen = "10.214.0.1"
        #expect(config.listenHosts == ["127.0.0.1", "10.214.0.1"])
        config.fleet.host = "::1"
        config.classroom.listen = "0.0.0.0"
        #expect(config.listenHosts == ["::1", "0.0.0.0"])
    }
}
