import ArgumentParser
import FleetClient
import Foundation

/// Prints client failures as one clear line and exits non-zero.
enum CLIErrors {
    /// A failure of the command itself, printed as its message.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as FleetClientError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
