extension Task where Success == Never, Failure == Never {
    /// Returns once the current task is cancelled: the whole life of a scenario whose effect is a
    /// state (a fault in force, threads running) rather than a loop of steps.
    static func sleepUntilCancelled() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(3600)) } catch { return }
        }
    }
}
