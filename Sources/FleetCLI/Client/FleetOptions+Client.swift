import FleetClient
import FleetModel

/// What every command that talks to a running fleet shares.
extension FleetOptions {
    /// A client of this fleet's command endpoint.
    func client(timeout: Duration = .seconds(10)) throws -> ControlClient {
        ControlClient(endpoint: try loadConfig().commandEndpoint, timeout: timeout)
    }

    /// Sends `command` to the running fleet; a fleet that does not answer or refuses is one
    /// clear line on stderr and exit status 1.
    func send(_ command: ControlCommand) throws -> ControlReply.Body {
        try CLIErrors.reporting { try client().send(command) }
    }
}
