import FleetChaos
import Testing

/// Writing answer sheets (the console keeps its rounds that way): what is written is read back
/// by `fleet chaos grade`'s parser exactly, whatever the names and answers hold.
@Suite struct AnswerSheetWritingTests {
    static let awkwardNames = [
        "Alice", #"Bob <b>&"quote"</b>"#, "no", "null", "~", "10:42", "# not a comment", "a: b", "- dash", "Zoë 李雷", "[x]", "{y}", "'single'",
    ]

    @Test(arguments: awkwardNames)
    func aWrittenSheetReadsBackAsItWas(team: String) throws {
        let sheet = AnswerSheet(team: team, answers: [
            StudentAnswer(instance: "svc-02", scenario: "memory leak", start: "10:42"),
            StudentAnswer(instance: "svc-04", scenario: "scenario2", start: nil),
            StudentAnswer(instance: "svc-01", scenario: "429", start: "2025-05-01T10:06:00Z"),
        ])
        let yaml = try sheet.yaml()
        #expect(try ChaosGrader.parseSheet(yaml: yaml, instanceIDs: ["svc-01", "svc-02", "svc-03", "svc-04"]) == sheet, "written as:\n\(yaml)")
    }

    @Test func aSheetWithoutAnswersOrTeamReadsBack() throws {
        let sheet = AnswerSheet(team: nil, answers: [])
        #expect(try ChaosGrader.parseSheet(yaml: sheet.yaml()) == sheet)
    }

    @Test func anAnswerWithoutStartHasNoStartKey() throws {
        let yaml = try AnswerSheet(team: "blue", answers: [StudentAnswer(instance: "svc-02", scenario: "disk fill")]).yaml()
        #expect(!yaml.contains("start"), "written as:\n\(yaml)")
        #expect(yaml.contains("team: blue"))
    }
}
