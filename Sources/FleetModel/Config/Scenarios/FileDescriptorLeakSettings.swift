/// `scenarios.scenario8:` — file descriptors opened and held, never closed until stopped.
public struct FileDescriptorLeakSettings: Sendable, Equatable {
    /// Descriptors opened per step.
    public var perStep = 10
    /// Time between steps.
    public var interval: Duration = .seconds(1)
    /// Most descriptors held at once; also never above 80 % of the process's `RLIMIT_NOFILE`.
    public var maxOpen = 600

    public init() {}

    /// Share of the process's open-file limit the leak may use: the rest stays for the server's
    /// own sockets and files, so the instance keeps answering (and can be scraped) while leaking.
    public static let limitShare = 0.8

    /// The descriptors the leak may hold under a soft `RLIMIT_NOFILE` of `openFileLimit`:
    /// `min(maxOpen, 80 % of the limit)`, never negative.
    public func cap(openFileLimit: Int) -> Int {
        max(0, min(maxOpen, Self.limitOf(openFileLimit: openFileLimit)))
    }

    /// 80 % of `openFileLimit`, rounded down.
    public static func limitOf(openFileLimit: Int) -> Int {
        Int((Double(max(0, openFileLimit)) * limitShare).rounded(.down))
    }
}
