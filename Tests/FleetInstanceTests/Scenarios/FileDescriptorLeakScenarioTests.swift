import FleetModel
import Foundation
import Testing

@testable import FleetInstance

extension InstanceTests {
    /// scenario8: the budget, then real descriptors counted in `/proc/self/fd`, held at the cap
    /// and all closed (and the folder deleted) on stop.
    @Suite("File descriptor leak scenario")
    struct FileDescriptorLeakScenarioTests {
        static func settings(perStep: Int, interval: Duration, maxOpen: Int) -> FileDescriptorLeakSettings {
            var settings = FileDescriptorLeakSettings()
            settings.perStep = perStep
            settings.interval = interval
            settings.maxOpen = maxOpen
            return settings
        }

        @Test("the cap is min(max_open, 80 % of RLIMIT_NOFILE) and steps shrink at it")
        func budget() {
            let settings = Self.settings(perStep: 10, interval: .seconds(1), maxOpen: 600)
            #expect(FileDescriptorBudget(settings: settings, openFileLimit: 1024).cap == 600)
            #expect(FileDescriptorBudget(settings: settings, openFileLimit: 500).cap == 400)
            let budget = FileDescriptorBudget(settings: settings, openFileLimit: 1024)
            #expect(budget.nextStep(held: 0) == 10)
            #expect(budget.nextStep(held: 595) == 5)
            #expect(budget.nextStep(held: 600) == 0)
            #expect(budget.nextStep(held: 700) == 0)
        }

        static func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
        }

        /// Descriptors of this process open on `path` (other tests may open their own meanwhile).
        static func descriptors(on path: String) -> Int {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return entries.filter { entry in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)")) == path
            }.count
        }

        /// Runs the leak in a fresh folder; `body` gets the path its descriptors point at. The task
        /// is always cancelled and awaited, the folder always removed.
        static func withLeak(
            _ settings: FileDescriptorLeakSettings, openFileLimit: Int, _ body: (_ target: String) async throws -> Void
        ) async throws {
            let folder = try TemporaryDirectory()
            defer { folder.remove() }
            let scenario = FileDescriptorLeakScenario(settings: settings, dataDirectory: folder.path, openFileLimit: openFileLimit)
            let target = (FileDescriptorLeakScenario.leakDirectory(in: folder.path) as NSString).appendingPathComponent("held")
            let task = Task { await scenario.run() }
            do {
                try await body(target)
            } catch {
                task.cancel()
                await task.value
                throw error
            }
            task.cancel()
            await task.value
            #expect(Self.descriptors(on: target) == 0, "descriptors left open after the stop")
            #expect(!FileManager.default.fileExists(atPath: FileDescriptorLeakScenario.leakDirectory(in: folder.path)))
        }

        @Test("opens per_step per interval up to max_open, holds them, closes all and deletes its folder on stop")
        func opensHoldsAndCloses() async throws {
            let settings = Self.settings(perStep: 7, interval: .milliseconds(50), maxOpen: 30)
            try await Self.withLeak(settings, openFileLimit: 1024) { target in
                // Steps of 7 until the cap of 30 (7, 14, 21, 28, 30).
                #expect(await poll(timeout: .seconds(2)) { Self.descriptors(on: target) >= 7 })
                let capped = await poll(timeout: .seconds(3)) { Self.descriptors(on: target) == 30 }
                #expect(capped, "held \(Self.descriptors(on: target)), wanted 30")
                try await Task.sleep(for: .milliseconds(200))
                #expect(Self.descriptors(on: target) == 30, "grew past max_open")
            }
        }

        @Test("80 % of the open-file limit caps the leak below max_open")
        func rlimitCap() async throws {
            let settings = Self.settings(perStep: 50, interval: .milliseconds(20), maxOpen: 600)
            try await Self.withLeak(settings, openFileLimit: 40) { target in
                #expect(await poll(timeout: .seconds(2)) { Self.descriptors(on: target) == 32 })
                try await Task.sleep(for: .milliseconds(100))
                #expect(Self.descriptors(on: target) == 32)
            }
        }
    }
}
