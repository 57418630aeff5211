import Testing

import FleetModel

/// `console:`: the default port, turning it off, and every bad value with its key and line.
@Suite("Console configuration")
struct ConsoleConfigTests {
    @Test func defaultPortIs8080() throws {
        #expect(FleetConfig().console.port == 8080)
        #expect(FleetConfig().console.enabled)
        #expect(try parseConfig("").console.port == 8080)
    }

    @Test func zeroTurnsTheConsoleOffAndFreesItsPort() throws {
        let config = try parseConfig("console:\n  port: 0\nfleet: { base_port: 8080 }\n")
        #expect(!config.console.enabled)
    }

    @Test("bad values name their key and line", arguments: [
        ErrorCase("console:\n  port: 70000\n", key: "console.port", line: 2, "a port from 1 to 65535, or 0 to turn the console off"),
        ErrorCase("console:\n  port: -1\n", key: "console.port", line: 2, #"found "-1""#),
        ErrorCase("console:\n  port: web\n", key: "console.port", line: 2, "expected a whole number"),
        ErrorCase("console:\n  port: 9090\n", key: "console.port", line: 2, "a port of its own"),
        ErrorCase("console:\n  port: 8082\n", key: "console.port", line: 2, "among the instance ports 8081…8085"),
        ErrorCase("console:\n  prot: 8080\n", key: "console.prot", line: 2, #"did you mean "port""#),
    ])
    func badValues(_ errorCase: ErrorCase) {
        errorCase.check()
    }
}
