import FleetModel
import Foundation
import Synchronization
import Testing

@testable import FleetInstance

#if canImport(Glibc)
import Glibc
#endif

extension InstanceTests {
    /// scenario6: the duty cycle's caps, then the real burn measured in `/proc` for the burner
    /// thread alone (so other work of the test process does not count), and its end on stop.
    @Suite("CPU scenario")
    struct CPUBurnScenarioTests {
        @Test("cores are capped at one and at the machine's cores minus one")
        func caps() {
            #expect(CPUDutyCycle(requestedCores: 0.5, machineCores: 8).cores == 0.5)
            #expect(CPUDutyCycle(requestedCores: 3, machineCores: 8).cores == 1)
            #expect(CPUDutyCycle(requestedCores: 0.5, machineCores: 1).cores == 0)
            #expect(CPUDutyCycle(requestedCores: 0.5, machineCores: 1).threads == 0)
            #expect(CPUDutyCycle(requestedCores: -1, machineCores: 4).cores == 0)
            #expect(CPUDutyCycle(requestedCores: .nan, machineCores: 4).cores == 0)
        }

        @Test("one thread spins cores × period of each period")
        func dutyCycle() {
            let cycle = CPUDutyCycle(requestedCores: 0.25, machineCores: 4, period: .milliseconds(100))
            #expect(cycle.threads == 1)
            #expect(cycle.busy == .milliseconds(25))
            #expect(cycle.idle == .milliseconds(75))
        }

        /// utime + stime of one thread of this process, in seconds, from `/proc/self/task/<tid>/stat`.
        static func threadCPUSeconds(_ tid: Int32) -> Double? {
            guard let text = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")")
            else { return nil }
            let fields = text[text.index(after: close)...].split(separator: " ")
            // After the command: state is field 3, utime 14, stime 15.
            guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
            return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
        }

        @Test("the burner thread uses its share of a core, never more, and ends on stop")
        func measuredBurn() async throws {
            let cores = 0.5
            let cycle = CPUDutyCycle(requestedCores: cores, machineCores: max(2, MachineResources.cpuCores()))
            let started = Mutex<[Int32]>([])
            let scenario = CPUBurnScenario(cycle: cycle) { ids in started.withLock { $0 = ids } }
            let task = Task { await scenario.run() }
            defer { task.cancel() }

            let running = await poll(timeout: .seconds(5)) { !started.withLock { $0 }.isEmpty }
            try #require(running, "the burner thread never started")
            let tid = try #require(started.withLock { $0 }.first)
            let before = try #require(Self.threadCPUSeconds(tid))
            let window = Duration.seconds(3)
            let start = ContinuousClock.now
            try await Task.sleep(for: window)
            let after = try #require(Self.threadCPUSeconds(tid))
            let wall = ContinuousClock.now - start
            let share = (after - before) / (Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
            // Never above the share (plus clock-tick rounding); at least most of it, even on a
            // busy machine (the burner only loses time when preempted).
            #expect(share <= cores * 1.1 + 0.02, "burnt \(share) cores, asked \(cores)")
            #expect(share >= cores * 0.6, "burnt only \(share) cores, asked \(cores)")

            let stopStart = ContinuousClock.now
            task.cancel()
            await task.value
            #expect(ContinuousClock.now - stopStart < .seconds(1), "the stop took too long")
            let gone = await poll(timeout: .seconds(2)) {
                !FileManager.default.fileExists(atPath: "/proc/self/task/\(tid)")
            }
            #expect(gone, "burner thread \(tid) still exists after the stop")
        }
    }
}
