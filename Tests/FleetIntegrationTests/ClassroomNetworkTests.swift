import Foundation
import FleetTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Classroom mode across a real network boundary: a network namespace stands for a student's
/// laptop, joined to this machine by a veth pair (10.214.0.1 here, 10.214.0.2 there), and the
/// fleet listens on 10.214.0.1 as well as loopback. From the namespace: Prometheus answers a
/// query, an instance's `/metrics` answers, scenario changes follow the owner rule, and the
/// control plane cannot be reached.
///
/// Needs root (network namespaces), `ip`, `curl` and `prometheus`. Without root the test is
/// skipped with that reason; under CI (`CI` set, run as root) it always runs.
extension MultiProcessTests {
@Suite(.serialized)
struct ClassroomNetworkTests {
    static let hasPrivilege = geteuid() == 0
    static let hasTools = ["ip", "curl", "prometheus"].allSatisfy { ExternalRequirement.executable(named: $0) != nil }
    static let runsHere = ExternalRequirement.shouldRun(hasPrivilege && hasTools)

    // Ports of this issue's range (30000–30999).
    static let basePort = 30081
    static let supervisorMetricsPort = 30100
    static let prometheusPort = 30090
    static let commandPort = 30200

    @Test(.enabled(if: runsHere, "needs root for `ip netns`, and ip, curl, prometheus on PATH"))
    func aStudentsLaptopSeesTheFleetAndBreaksOnlyTheirInstance() async throws {
        let room = try Room.create()
        defer { room.remove() }
        let fleet = try TestFleet(
            name: "classroom", instances: 2, basePort: Self.basePort,
            extraYAML: """
                classroom:
                  listen: \(Room.hostAddress)
                  students: [Ada, Grace]

                """,
            supervisor: "{ metrics_port: \(Self.supervisorMetricsPort), control: { command: \"tcp://127.0.0.1:\(Self.commandPort)\" } }",
            prometheus: TestFleet.fastPrometheusSection(port: Self.prometheusPort))
        defer { fleet.tearDown() }
        try await fleet.up(timeout: .seconds(60))
        // Instances are up before every one answered health and the ready table is printed.
        try await waitUntil(timeout: .seconds(20), "the class's addresses in fleet up's output") {
            fleet.log.contains("http://\(Room.hostAddress):\(Self.basePort)…\(Self.basePort + 1)")
        }

        // The handout, as the instructor prints it.
        let roster = try fleet.cli(["roster", "--format", "csv"])
        #expect(roster.status == 0, "\(roster.stderr)")
        let rows = roster.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let tokens = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[4]) })
        let ada = try #require(tokens["Ada"]), grace = try #require(tokens["Grace"])
        #expect(rows.first?[2] == "http://\(Room.hostAddress):\(Self.basePort)/docs")

        let base = "http://\(Room.hostAddress)"
        // An instance's metrics and the supervisor's (with the owners), from the laptop.
        let metrics = try room.curl("\(base):\(Self.basePort)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("http_requests_total") || metrics.body.contains("process_"), "\(metrics.body.prefix(300))")
        let supervisorMetrics = try room.curl("\(base):\(Self.supervisorMetricsPort)/metrics")
        #expect(supervisorMetrics.body.contains(#"fleet_instance_owner_info{instance="svc-01",owner="Ada"} 1"#))
        for token in [ada, grace] { #expect(!supervisorMetrics.body.contains(token)) }

        // Prometheus answers a query once it has scraped the fleet.
        try await waitUntil(timeout: .seconds(30), "Prometheus to answer up{job=\"fleet-instances\"} from the namespace") {
            let query = try room.curl("\(base):\(Self.prometheusPort)/api/v1/query?query=up%7Bjob%3D%22fleet-instances%22%7D")
            return query.status == 200 && query.body.contains("\"svc-01\"") && query.body.contains("\"svc-02\"")
        }
        // … but not its admin API or lifecycle endpoints.
        let delete = try room.curl("\(base):\(Self.prometheusPort)/api/v1/admin/tsdb/delete_series?match[]=up", method: "POST")
        #expect(delete.status != 200 && delete.status != 204, "admin API answered \(delete.status)")
        let quit = try room.curl("\(base):\(Self.prometheusPort)/-/quit", method: "POST")
        #expect(quit.status != 200, "lifecycle API answered \(quit.status)")

        // Scenario control: no token 401, another student's 403, the owner's 200.
        let start = "/scenario/scenario4?action=start"
        let anonymous = try room.curl("\(base):\(Self.basePort)\(start)", method: "POST")
        #expect(anonymous.status == 401)
        #expect(anonymous.body == #"{"detail":"Not authenticated"}"#)
        let strangers = try room.curl("\(base):\(Self.basePort + 1)\(start)", method: "POST", token: ada)
        #expect(strangers.status == 403)
        #expect(strangers.body == #"{"detail":"Not your instance"}"#)
        let own = try room.curl("\(base):\(Self.basePort)\(start)", method: "POST", token: ada)
        #expect(own.status == 200)
        #expect(own.body == #"{"scenario":"scenario4","status":"running"}"#)
        try await waitUntil(timeout: .seconds(10), "status to show scenario4 on Ada's svc-01") {
            try fleet.status().first { $0.id == "svc-01" }?.scenario == "scenario4"
        }
        #expect(try fleet.status().first { $0.id == "svc-02" }?.scenario == nil)

        // The control plane listens on loopback only: nothing answers there from the laptop,
        // while the fleet's own CLI keeps working on this machine.
        let control = try room.run(["curl", "-s", "-m", "3", "telnet://\(Room.hostAddress):\(Self.commandPort)"])
        #expect(control.status == 7, "curl exit \(control.status): the control port answered from the namespace")
        #expect(try fleet.cli(["stop", "all", "--all"]).status == 0)

        // No token on any command line.
        for process in ProcessTable.processes(whoseCommandLineContains: fleet.dataDir) {
            for token in [ada, grace] { #expect(!process.arguments.joined(separator: " ").contains(token)) }
        }
    }

    @Test(.enabled(if: runsHere, "needs root for `ip netns`, and ip, curl, prometheus on PATH"))
    func aControlEndpointBeyondLoopbackIsRefusedAtStartUp() async throws {
        let room = try Room.create()
        defer { room.remove() }
        let fleet = try TestFleet(
            name: "classroom-control", instances: 1, basePort: Self.basePort,
            extraYAML: "classroom:\n  listen: \(Room.hostAddress)\n",
            supervisor: "{ metrics_port: 0, control: { command: \"tcp://\(Room.hostAddress):\(Self.commandPort)\" } }")
        defer { fleet.tearDown() }
        let process = try fleet.launch()
        try await waitUntil(timeout: .seconds(30), "fleet up to refuse the endpoint") { !process.isRunning }
        #expect(process.terminationStatus != 0)
        #expect(fleet.log.contains("supervisor.control.command"), "\(fleet.log)")
        #expect(fleet.log.contains("never listens beyond this machine"), "\(fleet.log)")
        #expect(fleet.instanceProcessIDs().isEmpty)
    }

    @Test(.enabled(
        if: ExternalRequirement.shouldRun(hasPrivilege && hasTools && ExternalRequirement.pyzmqAvailable),
        "needs root for `ip netns`, ip, curl and pyzmq"))
    func aCurveControlEndpointServesOnlyAuthorisedKeys() async throws {
        let room = try Room.create()
        defer { room.remove() }
        let endpoint = "tcp://\(Room.hostAddress):\(Self.commandPort)"
        let fleet = try TestFleet(
            name: "classroom-curve", instances: 1, basePort: Self.basePort,
            supervisor: "{ metrics_port: 0, control: { command: \"\(endpoint)\", curve: true } }")
        defer { fleet.tearDown() }
        try await fleet.up(timeout: .seconds(60))
        // The fleet's own commands use the keys of the data folder.
        #expect(try fleet.status().map(\.state) == ["up"])
        let curve = fleet.dataDir + "/curve"
        for file in ["server.key", "client.key", "authorized_clients"] {
            let mode = try FileManager.default.attributesOfItem(atPath: "\(curve)/\(file)")[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        // From the laptop: a plain client and a client with a key of its own get no answer;
        // the authorised key does (copied to the laptop as an instructor would).
        let serverKey = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: curve + "/server.key"))) as? [String: String])?["public"])
        let script = """
            import json, sys, zmq
            def ping(keys):
                s = zmq.Context.instance().socket(zmq.REQ)
                s.setsockopt(zmq.LINGER, 0); s.setsockopt(zmq.RCVTIMEO, 3000)
                if keys:
                    s.curve_serverkey, s.curve_publickey, s.curve_secretkey = [k.encode() for k in keys]
                s.connect(sys.argv[1]); s.send(b'{"v":1,"type":"ping","id":"p"}')
                try: return json.loads(s.recv())["type"]
                except zmq.Again: return "dropped"
            pub, sec = zmq.curve_keypair()
            client = json.load(sys.stdin)
            print(ping(None), ping([sys.argv[2], pub.decode(), sec.decode()]),
                  ping([sys.argv[2], client["public"], client["secret"]]))
            """
        let clientKey = try String(contentsOfFile: curve + "/client.key", encoding: .utf8)
        let result = try CommandResult.run(
            "/usr/bin/env", ["ip", "netns", "exec", Room.namespace, "python3", "-c", script, endpoint, serverKey],
            input: clientKey, timeout: 30)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "dropped dropped pong", "\(result.stderr)")
    }
}
}

/// A student's laptop: a network namespace joined to this machine by a veth pair, created by
/// the test and removed afterwards (with anything a previous, killed run left).
struct Room {
    static let namespace = "fsim14-room"
    static let hostInterface = "fsim14-host"
    static let roomInterface = "fsim14-laptop"
    static let hostAddress = "10.214.0.1"
    static let roomAddress = "10.214.0.2"

    static func create() throws -> Room {
        let room = Room()
        room.remove()
        for command in [
            ["ip", "netns", "add", namespace],
            ["ip", "link", "add", hostInterface, "type", "veth", "peer", "name", roomInterface],
            ["ip", "link", "set", roomInterface, "netns", namespace],
            ["ip", "addr", "add", "\(hostAddress)/24", "dev", hostInterface],
            ["ip", "link", "set", hostInterface, "up"],
            ["ip", "netns", "exec", namespace, "ip", "addr", "add", "\(roomAddress)/24", "dev", roomInterface],
            ["ip", "netns", "exec", namespace, "ip", "link", "set", roomInterface, "up"],
            ["ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up"],
        ] {
            let result = try CommandResult.run("/usr/bin/env", command)
            guard result.status == 0 else {
                room.remove()
                throw FleetTestError("\(command.joined(separator: " ")) failed: \(result.stderr)")
            }
        }
        return room
    }

    /// Deletes the namespace (which deletes its end of the pair, and so the pair) and the host end.
    func remove() {
        _ = try? CommandResult.run("/usr/bin/env", ["ip", "netns", "del", Self.namespace])
        _ = try? CommandResult.run("/usr/bin/env", ["ip", "link", "del", Self.hostInterface])
    }

    /// `command` run inside the namespace.
    func run(_ command: [String]) throws -> CommandResult {
        try CommandResult.run("/usr/bin/env", ["ip", "netns", "exec", Self.namespace] + command, timeout: 15)
    }

    /// An HTTP request from inside the namespace: status and body.
    func curl(_ url: String, method: String = "GET", token: String? = nil) throws -> (status: Int, body: String) {
        let marker = "\n--status:"
        var command = ["curl", "-s", "-m", "5", "-X", method, "-w", "\(marker)%{http_code}"]
        // The token goes to curl on stdin as a header file (`-H @-`), never on its command line.
        let input = token.map { "Authorization: Bearer \($0)\n" }
        if input != nil { command += ["-H", "@-"] }
        let result = try CommandResult.run(
            "/usr/bin/env", ["ip", "netns", "exec", Self.namespace] + command + [url], input: input, timeout: 15)
        guard let range = result.stdout.range(of: marker, options: .backwards), let status = Int(result.stdout[range.upperBound...]) else {
            throw FleetTestError("curl \(url) from the namespace failed (exit \(result.status)): \(result.stderr)")
        }
        return (status, String(result.stdout[..<range.lowerBound]))
    }
}
