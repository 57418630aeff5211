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
