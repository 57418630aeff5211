import Foundation

/// `fleet events --json` running beside a test, its lines in a file the test reads as it goes.
final class EventRecorder: @unchecked Sendable {
    private let process = Process()
    private let path: String
    private let fleet: TestFleet

    init(fleet: TestFleet, duration: Int = 120) throws {
        self.fleet = fleet
        path = fleet.directory + "/events-\(UUID().uuidString.prefix(8)).jsonl"
        FileManager.default.createFile(atPath: path, contents: nil)
        process.executableURL = URL(fileURLWithPath: TestFleet.binary)
        process.arguments = ["events", "--json", "--duration", String(duration)] + fleet.fleetArguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
    }

    /// Ends the subscriber (by PID) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Every event received so far, decoded; a line that is not JSON fails the test's wait.
    func events() throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            guard let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FleetTestError("not an event: \(line)")
            }
            return event
        }
    }

    /// A handshake instead of a guess at ZeroMQ's subscription delay: starts and stops scenario3
    /// on the instance `ordinal` over HTTP until its events arrive. Those probe events stay in
    /// the record; tests filter by instance.
    func waitUntilSubscribed(probing ordinal: Int, timeout: Duration = .seconds(10)) async throws {
        let url = "http://127.0.0.1:\(fleet.port(ordinal))/scenario/scenario3?action="
        try await waitUntil(timeout: timeout, "the event subscription") {
            _ = try await TestFleet.http("POST", url + "start")
            _ = try await TestFleet.http("POST", url + "stop")
            return try self.events().contains { $0["instance"] as? String == self.fleet.id(ordinal) }
        }
    }

    /// Waits until `count` events named `name` were received.
    func waitFor(_ name: String, count: Int, timeout: Duration = .seconds(15)) async throws {
        try await waitUntil(timeout: timeout, "\(count) \(name) events") {
            try self.events().filter { $0["event"] as? String == name }.count >= count
        }
    }

    /// The times of the events named `name` about `instance`, in order.
    func times(of name: String, instance: String) -> [Date] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ((try? events()) ?? []).filter { $0["event"] as? String == name && $0["instance"] as? String == instance }
            .compactMap { ($0["time"] as? String).flatMap(formatter.date(from:)) }
    }
}
