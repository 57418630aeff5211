import Foundation

/// What the kernel says of another process, from `/proc/PID/stat`.
public enum ProcessState {
    /// True while `pid` is stopped by a signal (`T`) or a tracer (`t`): alive, but not running.
    public static func isStopped(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        // After "pid (comm) " comes the one-letter state.
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state == "T" || state == "t"
    }
}
