import FleetModel
import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario1 really holds memory (RSS read from /proc), stops at its cap and gives it all back.
    @Suite("Memory leak scenario")
    struct MemoryLeakScenarioTests {
        static func settings(chunk: Int64, interval: Duration, maxChunks: Int) -> MemoryLeakSettings {
            var settings = MemoryLeakSettings()
            settings.chunkSize = ByteSize(bytes: chunk)
            settings.interval = interval
            settings.maxChunks = maxChunks
            return settings
        }

        /// Runs `body` with the scenario running in a task; the task is always cancelled and awaited.
        static func withLeak<T>(
            _ settings: MemoryLeakSettings, _ body: (Task<Void, Never>) async throws -> T
        ) async rethrows -> T {
            let scenario = MemoryLeakScenario(settings: settings)
            let task = Task { await scenario.run() }
            do {
                let value = try await body(task)
                task.cancel()
                await task.value
                return value
            } catch {
                task.cancel()
                await task.value
                throw error
            }
        }

        @Test("RSS rises to the cap, stays there, and falls back to the baseline on cancel")
        func growsToCapAndReleases() async throws {
            let chunk = 4 * mebibyte, maxChunks = 10
            let cap = chunk * Int64(maxChunks)
            let settings = Self.settings(chunk: chunk, interval: .milliseconds(50), maxChunks: maxChunks)
            let baseline = ProcessSampler.residentBytes()
            #expect(baseline > 0)

            try await Self.withLeak(settings) { task in
                // Ten steps of 50 ms: the cap is due after ~0.45 s; allow several seconds.
                let reached = await poll(every: .milliseconds(20), timeout: .seconds(5)) {
                    ProcessSampler.residentBytes() - baseline >= cap * 9 / 10
                }
                #expect(reached, "RSS grew by \(ProcessSampler.residentBytes() - baseline) bytes, wanted ≥ \(cap * 9 / 10)")
                guard reached else { return }

                // Six more intervals: one more chunk would add 4 MiB; nothing may come.
                var highest: Int64 = 0
                let watchUntil = ContinuousClock.now + .milliseconds(300)
                while ContinuousClock.now < watchUntil {
                    highest = max(highest, ProcessSampler.residentBytes() - baseline)
                    try await Task.sleep(for: .milliseconds(10))
                }
                #expect(highest <= cap + chunk / 2, "RSS grew past the cap: +\(highest) bytes, cap \(cap)")
                #expect(highest >= cap * 9 / 10)

                task.cancel()
                await task.value
                let released = await poll(every: .milliseconds(20), timeout: .seconds(2)) {
                    ProcessSampler.residentBytes() - baseline <= 3 * mebibyte
                }
                #expect(released, "RSS still +\(ProcessSampler.residentBytes() - baseline) bytes after the stop")
            }
        }

        @Test("chunks come at the configured rate")
        func growthRate() async throws {
            let chunk = 4 * mebibyte
            let interval = Duration.milliseconds(100)
            let settings = Self.settings(chunk: chunk, interval: interval, maxChunks: 8)
            let baseline = ProcessSampler.residentBytes()

            try await Self.withLeak(settings) { _ in
                // When RSS first holds k chunks (half a chunk of tolerance), for k = 1...6.
                var crossings: [ContinuousClock.Instant] = []
                let deadline = ContinuousClock.now + .seconds(5)
                while crossings.count < 6, ContinuousClock.now < deadline {
                    let held = ProcessSampler.residentBytes() - baseline
                    while crossings.count < 6, held >= chunk * Int64(crossings.count) + chunk / 2 {
                        crossings.append(.now)
                    }
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(crossings.count == 6, "only \(crossings.count) chunks within 5 s")
                guard crossings.count == 6 else { return }
                // Five steps between the first and the sixth chunk: 500 ms.
                let elapsed = crossings[5] - crossings[0]
                #expect(elapsed >= interval * 4, "5 chunks in \(elapsed): faster than configured")
                #expect(elapsed <= interval * 8, "5 chunks in \(elapsed): slower than configured")
            }
        }

        @Test("a cancelled leak returns at once, even between steps of a long interval")
        func stopIsPrompt() async throws {
            let settings = Self.settings(chunk: mebibyte, interval: .seconds(30), maxChunks: 3)
            let scenario = MemoryLeakScenario(settings: settings)
            let task = Task { await scenario.run() }
            try await Task.sleep(for: .milliseconds(50))
            let start = ContinuousClock.now
            task.cancel()
            let finished: Void? = await withDeadline(.seconds(2)) { await task.value }
            #expect(finished != nil)
            #expect(ContinuousClock.now - start < .milliseconds(500))
        }
    }
}
