import Foundation

/// What the kernel says of another process, from `/proc/PID/stat`.
public enum ProcessState {
    /// True while `pid` is stopped by a signal (`T`) or a tracer (`t`): alive, but not running.
    public static func isStopped(_ pid: Int32) -> Bool {
        let state = letter(of: pid)
        return state == "T" || state == "t"
    }

    /// True while `pid` has ended but was not reaped yet (`Z`).
    public static func isZombie(_ pid: Int32) -> Bool {
        letter(of: pid) == "Z"
    }

    /// The one-letter state of proc(5), nil when `pid` does not exist.
    private static func letter(of pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) " comes the one-letter state.
        return stat[stat.index(after: close)...].drop { $0 == " " }.first
    }
}
