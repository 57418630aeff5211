import FleetClient
import FleetModel

/// What every command that talks to a running fleet shares.
extension FleetOptions {
    /// A client of this fleet's command endpoint.
    func client(timeout: Duration = .seconds(10)) throws -> ControlClient {
        let config = try loadConfig()
        return ControlClient(endpoint: config.commandEndpoint, timeout: timeout, curve: try curveKeys(config))
    }

    /// The CURVE keys of `config`'s fleet when its control plane requires them.
    func curveKeys(_ config: FleetConfig) throws -> CurveClientKeys? {
        do {
            return try config.curveClientKeys()
        } catch let failure as SecretFile.Failure {
            throw CLIErrors.Failure(message: failure.description)
        }
    }

    /// Sends `command` to the running fleet; a fleet that does not answer or refuses is one
    /// clear line on stderr and exit status 1.
    func send(_ command: ControlCommand) throws -> ControlReply.Body {
        try CLIErrors.reporting { try client().send(command) }
    }
}
