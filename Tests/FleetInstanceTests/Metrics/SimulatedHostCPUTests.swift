import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// `node_cpu_seconds_total` and `node_load1` of the simulated host, derived from the
    /// instance's own CPU time on `node.cpus` CPUs.
    @Suite("Simulated host CPU")
    struct SimulatedHostCPUTests {
        @Test("process CPU time is spread over the CPUs; the rest of the uptime is idle")
        func spread() {
            let times = SimulatedCPUTimes(cpus: 2, uptime: 100, userSeconds: 30, systemSeconds: 10)
            #expect(times.user == 15)
            #expect(times.system == 5)
            #expect(times.idle == 80)
            #expect(times.seconds(mode: "steal") == 0)
            // Busy share = 1 - idle share = process cores / cpus.
            #expect(abs((1 - times.idle / 100) - (30.0 + 10.0) / 100 / 2) < 1e-12)
        }

        @Test("idle never goes negative nor backwards")
        func clamps() {
            let busy = SimulatedCPUTimes(cpus: 1, uptime: 10, userSeconds: 15, systemSeconds: 0)
            #expect(busy.idle == 0)
            let earlier = SimulatedCPUTimes(cpus: 1, uptime: 10, userSeconds: 1, systemSeconds: 0)
            #expect(busy.notBelow(earlier).idle == earlier.idle)
        }

        @Test("load1 approaches the busy cores with the kernel's one-minute damping")
        func loadAverage() {
            var load = LoadAverage()
            load.observe(busyCores: 1, elapsed: 60)
            #expect(abs(load.value - (1 - exp(-1))) < 1e-9)
            for _ in 0..<20 { load.observe(busyCores: 1, elapsed: 60) }
            #expect(abs(load.value - 1) < 1e-6)
            load.observe(busyCores: 0, elapsed: 0)
            #expect(abs(load.value - 1) < 1e-6, "no time, no change")
        }

        @Test("every CPU of node.cpus reports every mode, as node_exporter; load1 is exported")
        func exported() async throws {
            var config = Fixtures.config()
            config.node.cpus = 3
            let runtime = Fixtures.runtime(config: config)
            let metrics = try await ProcessAndHostMetricsTests.scrape(runtime)
            for cpu in ["0", "1", "2"] {
                for mode in SimulatedCPUTimes.modes {
                    #expect(metrics.value("node_cpu_seconds_total", ["cpu": cpu, "mode": mode]) != nil, "cpu \(cpu) \(mode)")
                }
            }
            #expect(metrics.series("node_cpu_seconds_total", ["cpu": "3"]).isEmpty)
            let idle = try #require(metrics.value("node_cpu_seconds_total", ["cpu": "0", "mode": "idle"]))
            let user = try #require(metrics.value("node_cpu_seconds_total", ["cpu": "0", "mode": "user"]))
            let processCPU = try #require(metrics.value("process_cpu_seconds_total"))
            #expect(idle > 0)
            // Each CPU holds a third of the process's time (user part only here, so at most).
            #expect(user <= processCPU / 3 + 0.05)
            #expect(metrics.value("node_load1") != nil)
        }
    }
}
