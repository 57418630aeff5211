import Testing

import FleetModel

/// `fleet roster`'s handout in its three formats.
@Suite("Classroom handout")
struct ClassroomHandoutTests {
    func handout() -> ClassroomHandout {
        var config = FleetConfig()
        config.fleet.basePort = 8081
        config.classroom.listen = "192.0.2.10"
        config.classroom.students = ["Ada", "Grace, Jr."]
        let tokens = ClassroomTokens(
            instructor: String(repeating: "f", count: 32),
            students: [
                .init(entry: RosterEntry(name: "Ada", instanceID: "svc-01"), token: String(repeating: "a", count: 32)),
                .init(entry: RosterEntry(name: "Grace, Jr.", instanceID: "svc-02"), token: String(repeating: "b", count: 32)),
            ])
        return ClassroomHandout(config: config, tokens: tokens, prometheus: true)
    }

    @Test func table() {
        let a = String(repeating: "a", count: 32), b = String(repeating: "b", count: 32)
        #expect(handout().render(.table) == """
            NAME        INSTANCE  DOCS                         METRICS                         TOKEN
            Ada         svc-01    http://192.0.2.10:8081/docs  http://192.0.2.10:8081/metrics  \(a)
            Grace, Jr.  svc-02    http://192.0.2.10:8082/docs  http://192.0.2.10:8082/metrics  \(b)
            prometheus: http://192.0.2.10:9090
            scenario control: owner

            """)
    }

    @Test func csvQuotesAndLeavesOutTheInstructor() {
        let text = handout().render(.csv)
        #expect(text.hasPrefix("name,instance,docs,metrics,token\nAda,svc-01,http://192.0.2.10:8081/docs,"))
        #expect(text.contains("\n\"Grace, Jr.\",svc-02,"))
        #expect(!text.contains(String(repeating: "f", count: 32)))
    }

    @Test func markdownIsATable() {
        let lines = handout().render(.markdown).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "| Name | Instance | Docs | Metrics | Token |")
        #expect(lines[1] == "|---|---|---|---|---|")
        #expect(lines[2].hasPrefix("| Ada | svc-01 | http://192.0.2.10:8081/docs |"))
        #expect(!handout().render(.markdown).contains(String(repeating: "f", count: 32)))
        #expect(lines.contains("Prometheus: http://192.0.2.10:9090"))
    }
}
