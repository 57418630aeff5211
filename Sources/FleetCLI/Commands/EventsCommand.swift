import ArgumentParser
import FleetModel
import Foundation
import ZeroMQ

/// `fleet events`.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Follow the running fleet's event stream.",
        discussion: """
            One line per event: sequence number, time, event, instance, scenario and origin \
            (scenario.started/stopped, instance.up/down/restarted, fleet.stopping, chaos.*). \
            A gap in sequence numbers means events were missed. Runs until Ctrl-C, --count \
            events, or --duration seconds.
            """)

    @OptionGroup var fleet: FleetOptions

    @Flag(help: "Print each event's JSON as received.")
    var json = false

    @Option(help: ArgumentHelp("Exit after this many events.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Exit after this many seconds.", valueName: "seconds"))
    var duration: Double?

    func run() throws {
        let config = try fleet.loadConfig()
        let endpoint = config.eventsEndpoint
        if endpoint.hasPrefix("ipc://"), !FileManager.default.fileExists(atPath: String(endpoint.dropFirst(6))) {
            FileHandle.standardError.write(Data("error: the fleet is not running (no socket on \(endpoint)); start it with `fleet up`\n".utf8))
            throw ExitCode(1)
        }
        let context = try ZMQContext()
        defer { context.shutdown() }
        let socket = try context.makeSocket(.sub)
        defer { socket.close() }
        try socket.subscribe([])
        try socket.setReceiveTimeout(milliseconds: 200)
        try socket.connect(endpoint)
        let deadline = duration.map { Date().addingTimeInterval($0) }
        var received = 0
        while count.map({ received < $0 }) ?? true, deadline.map({ Date() < $0 }) ?? true {
            guard let frames = try socket.receive(wait: true), let payload = frames.last else { continue }
            received += 1
            if json {
                emit(String(decoding: payload, as: UTF8.self))
                continue
            }
            guard let event = try? ControlProtocol.decode(FleetEvent.self, from: payload) else {
                emit("(undecodable event: \(payload.count) bytes)")
                continue
            }
            let fields = [
                "#\(event.seq)", event.time, event.event.rawValue, event.instance ?? "", event.scenario?.rawValue ?? "",
                event.origin.map { "by \($0)" } ?? "", event.detail ?? "",
            ]
            emit(fields.filter { !$0.isEmpty }.joined(separator: "  "))
        }
    }

    /// One line, written at once: a follower piped into another program must not wait for a buffer.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
