import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads live processes from /proc, to check for orphans independently of the supervisor.
enum ProcessTable {
    struct Entry {
        var pid: pid_t
        var arguments: [String]
    }

    static func processes(whoseCommandLineContains needle: String) -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Entry? in
            guard let pid = pid_t(name), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !data.isEmpty
            else { return nil }
            // A zombie has an empty cmdline and is excluded above: it is dead, only not reaped.
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.contains(where: { $0.contains(needle) }) else { return nil }
            return Entry(pid: pid, arguments: arguments)
        }
    }
}

extension ProcessTable {
    /// The children of `parent` that are zombies (dead, not reaped), from /proc/PID/stat.
    static func zombieChildren(of parent: pid_t) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "pid (comm) ": the state, then the parent pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] == "Z", pid_t(fields[1]) == parent else { return nil }
            return pid
        }
    }

    /// True while `pid` exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
            return false
        }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}
