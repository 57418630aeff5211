import FleetModel
import Yams

extension ChaosGrader {
    /// Reads a students' answers file; see ``parseSheet(yaml:instanceIDs:)``.
    public static func parseAnswers(yaml: String, instanceIDs: [String]? = nil) throws -> [StudentAnswer] {
        try parseSheet(yaml: yaml, instanceIDs: instanceIDs).answers
    }

    /// Reads a students' answers file.
    ///
    /// ```yaml
    /// team: blue                     # optional: names the sheet in `fleet chaos grade`'s class table
    /// answers:
    ///   - instance: svc-02
    ///     scenario: scenario1        # or "memory leak", "disk", "rate limit", "429", …
    ///     start: "10:42"             # optional; HH:MM or HH:MM:SS UTC, or ISO-8601
    ///   - {instance: svc-04, scenario: disk fill}
    /// ```
    ///
    /// A bare top-level list (without `answers:`) is accepted too, and so is an empty file or
    /// `answers: []` (no answers). `start` may also be spelled `time`, `at`, `started` or
    /// `started_at`; other keys (`note`, `evidence`, …) are ignored so students can annotate.
    ///
    /// The file is read as written — an unquoted `10:42` stays `10:42`, not YAML 1.1's
    /// sexagesimal 642 — and checked strictly: a missing instance or scenario, a scenario that
    /// ``FleetModel/ScenarioAlias/init(answer:)`` cannot read, a start that is neither a time
    /// of day nor ISO-8601, or (when `instanceIDs` is given) an instance that is not one of
    /// them — compared forgivingly, `svc2` is `svc-02` — throws an ``AnswersError`` naming the
    /// line, so a typo is caught when the answers are handed in rather than silently graded
    /// as wrong.
    public static func parseSheet(yaml: String, instanceIDs: [String]? = nil) throws -> AnswerSheet {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw AnswersError(line: line(of: error), message: "not valid YAML: \(problem(of: error))")
        } catch {
            throw AnswersError(line: 1, message: "not valid YAML: \(error)")
        }
        guard let root else { return AnswerSheet(answers: []) }

        var team: String?
        let list: Node
        switch root {
        case .sequence:
            list = root
        case .mapping(let mapping):
            if let teamNode = mapping["team"], !isNull(teamNode) {
                guard case .scalar(let scalar) = teamNode, !scalar.string.trimmingASCIIWhitespace().isEmpty else {
                    throw AnswersError(line: line(teamNode), message: "`team:` must be a name, like `team: blue`")
                }
                team = String(scalar.string.trimmingASCIIWhitespace())
            }
            guard let answers = mapping["answers"] else {
                throw AnswersError(line: line(root), message: "expected a list under `answers:`, or a bare list of answers")
            }
            if isNull(answers) { return AnswerSheet(team: team, answers: []) }
            guard case .sequence = answers else {
                throw AnswersError(line: line(answers), message: "`answers:` must be a list (`- instance: …`)")
            }
            list = answers
        default:
            if isNull(root) { return AnswerSheet(answers: []) }
            throw AnswersError(line: line(root), message: "expected a list of answers, found a single value")
        }

        guard case .sequence(let items) = list else { return AnswerSheet(team: team, answers: []) }
        let known = instanceIDs.map { ids in Set(ids.map(InstanceKey.init)) }
        let answers = try items.enumerated().map { index, item in
            try answer(from: item, number: index + 1, known: known.map { ($0, instanceIDs ?? []) })
        }
        return AnswerSheet(team: team, answers: answers)
    }

    /// One `- instance: …` item.
    /// `known` is the fleet's instances (their keys, and the ids to name in a message), when checked.
    private static func answer(
        from item: Node, number: Int, known: (keys: Set<InstanceKey>, ids: [String])?
    ) throws -> StudentAnswer {
        guard case .mapping(let mapping) = item else {
            throw AnswersError(line: line(item), message: "answer \(number) must be a mapping with `instance:` and `scenario:`")
        }
        func field(_ names: [String]) throws -> (String, Node)? {
            for name in names {
                guard let value = mapping[name] else { continue }
                if isNull(value) { return nil }
                guard case .scalar(let scalar) = value else {
                    throw AnswersError(line: line(value), message: "`\(name):` of answer \(number) must be a single value")
                }
                let text = String(scalar.string.trimmingASCIIWhitespace())
                return text.isEmpty ? nil : (text, value)
            }
            return nil
        }

        guard let (instance, instanceNode) = try field(["instance"]) else {
            throw AnswersError(line: line(item), message: "answer \(number) has no `instance:` (e.g. `instance: svc-02`)")
        }
        if let known, !known.keys.contains(InstanceKey(instance)) {
            throw AnswersError(
                line: line(instanceNode),
                message: "unknown instance \"\(instance)\": this fleet's instances are \(idRange(known.ids))"
            )
        }
        guard let (scenario, scenarioNode) = try field(["scenario"]) else {
            throw AnswersError(line: line(item), message: "answer \(number) has no `scenario:` (e.g. `scenario: scenario1` or `scenario: memory leak`)")
        }
        guard ScenarioAlias(answer: scenario) != nil else {
            throw AnswersError(
                line: line(scenarioNode),
                message: "unrecognized scenario \"\(scenario)\": use one of \(ScenarioAlias.aliasList), "
                    + "or name one failure: \(ScenarioAlias.allCases.map(\.failureMode).joined(separator: ", "))"
            )
        }
        var start: String?
        if let (text, startNode) = try field(["start", "time", "at", "started", "started_at"]) {
            guard AnswerStart(text) != nil else {
                throw AnswersError(
                    line: line(startNode),
                    message: "cannot read start \"\(text)\": use HH:MM or HH:MM:SS (UTC), or ISO-8601 like 2025-05-01T10:42:00Z"
                )
            }
            start = text
        }
        return StudentAnswer(instance: instance, scenario: scenario, start: start)
    }

    /// `svc-01 … svc-05`, or the ids themselves when there are three or fewer.
    private static func idRange(_ ids: [String]) -> String {
        guard ids.count > 3, let first = ids.first, let last = ids.last else { return ids.joined(separator: ", ") }
        return "\(first) … \(last)"
    }

    /// A node's 1-based line (1 when Yams has no mark for it).
    private static func line(_ node: Node) -> Int {
        node.mark?.line ?? 1
    }

    /// `~`, `null` or an empty value.
    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return (context.map { "\($0.text) " } ?? "") + problem
        default:
            return String(describing: error)
        }
    }
}
