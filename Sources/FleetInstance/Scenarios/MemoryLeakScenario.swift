import FleetModel

/// scenario1: every `interval`, allocate and touch `chunk_size` bytes, up to `max_chunks`; hold
/// them until stopped, then give them back to the OS.
public struct MemoryLeakScenario: FailureScenario {
    public let settings: MemoryLeakSettings

    public init(settings: MemoryLeakSettings) {
        self.settings = settings
    }

    public func run() async {
        let memory = LeakedMemory()
        defer { memory.release() }
        let length = Int(clamping: settings.chunkSize.bytes)
        var nextStep = ContinuousClock.now
        while !Task.isCancelled {
            if memory.count < settings.maxChunks {
                memory.allocateAndTouch(length: length)
            }
            // Steps are scheduled on a fixed grid so the growth rate stays exact even when an
            // allocation takes a while.
            nextStep += settings.interval
            do { try await Task.sleep(until: nextStep, clock: .continuous) } catch { break }
        }
    }
}
