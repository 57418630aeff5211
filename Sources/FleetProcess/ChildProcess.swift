import CFleetSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting, signalling and reaping child processes with `posix_spawn`.
///
/// Never `fork()`: forking a multi-threaded Swift process copies locks held by other threads.
public enum ChildProcess {
    /// How a reaped child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): return "exited with status \(code)"
            case .signalled(let signal): return "killed by signal \(signal)"
            }
        }
    }

    /// A failed spawn.
    public struct SpawnError: Error, CustomStringConvertible {
        public var executable: String
        public var code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// This executable's absolute path, to spawn `fleet instance` from `fleet up`.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Starts `executable` with `arguments` (not including argv[0]).
    ///
    /// The child gets default signal dispositions and an empty signal mask (ServiceLifecycle
    /// ignores SIGTERM/SIGINT in this process to handle them itself, and ignored signals survive
    /// exec), its own process group (a terminal's Ctrl-C reaches only the supervisor, which
    /// then stops the fleet in order), and no inherited descriptors beyond stdin/out/err.
    public static func spawn(executable: String, arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = fleet_spawn_close_from(&actions, 3)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw SpawnError(executable: executable, code: result) }
        return pid
    }

    /// Reaps `pid` if it has ended; nil while it runs.
    public static func reap(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else {
            // ECHILD: not our child (already reaped); report it as gone.
            return result == -1 && errno == ECHILD ? .exited(-1) : nil
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Whether some child of this process may have ended: false only when the kernel says none
    /// waits to be reaped. One system call instead of one ``reap(_:)`` per child, for a
    /// supervisor that checks 200 children ten times a second; any doubt (an error) says true,
    /// so the caller reaps as before.
    public static var mayHaveEndedChild: Bool {
        fleet_child_waiting() != 0
    }

    /// Sends `signal` to `pid`; false when it no longer exists.
    @discardableResult
    public static func send(_ signal: Int32, to pid: pid_t) -> Bool {
        kill(pid, signal) == 0
    }
}
