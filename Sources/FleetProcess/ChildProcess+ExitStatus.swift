extension ChildProcess.Termination {
    /// The status of a plain exit; `nil` when a signal ended the process.
    public var exitStatus: Int32? {
        if case .exited(let status) = self { return status }
        return nil
    }
}
