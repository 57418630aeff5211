import Logging
import Synchronization

/// One logging setup for every command: plain lines on standard error, level from `FLEET_LOG_LEVEL`.
enum CLILogging {
    private static let bootstrapped = Atomic<Bool>(false)

    static func logger(label: String) -> Logger {
        if bootstrapped.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
        }
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfoLevel.current
        return logger
    }
}

/// The log level from the environment (`trace` … `critical`), `info` by default.
enum ProcessInfoLevel {
    static var current: Logger.Level {
        guard let raw = getenvString("FLEET_LOG_LEVEL"), let level = Logger.Level(rawValue: raw.lowercased()) else { return .info }
        return level
    }

    private static func getenvString(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

#if canImport(Glibc)
import Glibc
#endif
