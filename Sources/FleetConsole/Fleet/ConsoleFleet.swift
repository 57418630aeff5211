import FleetModel

/// What the console asks of the fleet: the control protocol's commands, as the CLI sends them.
///
/// The fleet's implementation is ``ControlClientFleet`` (the supervisor's command endpoint over
/// ZeroMQ, through `FleetClient`), so the console, the CLI and a pyzmq client always agree;
/// tests answer commands from a table of their own.
public protocol ConsoleFleet: Sendable {
    /// Sends `command` and returns the supervisor's reply body.
    /// - Throws: when the fleet does not answer or refuses (the console answers 502 or 409).
    func send(_ command: ControlCommand) async throws -> ControlReply.Body
}
