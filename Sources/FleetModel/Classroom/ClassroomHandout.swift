/// The handout of a class: each student's instance, its URLs on the address the class reaches,
/// and their token (what `fleet roster` prints; the only place tokens are shown).
public struct ClassroomHandout: Sendable, Equatable {
    /// One student's line.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var instanceID: String
        /// The instance's base URL on the class's address.
        public var url: String
        public var token: String
    }

    /// The students in roster order.
    public var rows: [Row]
    /// Prometheus on the class's address, when the fleet runs one.
    public var prometheusURL: String?
    /// The mode in force (`auto` resolved).
    public var scenarioControl: ScenarioControlMode

    /// The handout of `config` with `tokens`; `prometheus` says whether the fleet runs Prometheus.
    public init(config: FleetConfig, tokens: ClassroomTokens, prometheus: Bool) {
        let host = config.classroomHosts.first ?? config.fleet.host
        let base = "http://\(host.contains(":") ? "[\(host)]" : host)"
        rows = tokens.students.map { student in
            let ordinal = config.instanceIDs.firstIndex(of: student.entry.instanceID).map { $0 + 1 } ?? 0
            return Row(
                name: student.entry.name, instanceID: student.entry.instanceID,
                url: "\(base):\(config.port(ordinal: ordinal))", token: student.token)
        }
        prometheusURL = prometheus ? "\(base):\(config.prometheus.port)" : nil
        scenarioControl = config.classroom.effectiveScenarioControl
    }

    /// The formats of `fleet roster --format`.
    public enum Format: String, Sendable, CaseIterable {
        /// Aligned columns for the terminal (the default), with Prometheus and the mode below.
        case table
        /// RFC 4180 CSV with a header row, one student a row, for a mail merge.
        case csv
        /// A Markdown table, for a handout page or the class's chat.
        case markdown
    }

    /// The handout in `format`; every line ends in `\n`.
    public func render(_ format: Format) -> String {
        let header = ["NAME", "INSTANCE", "DOCS", "METRICS", "TOKEN"]
        let cells = rows.map { [$0.name, $0.instanceID, $0.url + "/docs", $0.url + "/metrics", $0.token] }
        switch format {
        case .table:
            var table = TextTable(header: header)
            cells.forEach { table.append($0) }
            var text = table.render()
            if let prometheusURL { text += "prometheus: \(prometheusURL)\n" }
            // Never the instructor's token: a handout is shown to (or projected for) the class.
            text += "scenario control: \(scenarioControl.rawValue)\n"
            return text
        case .csv:
            let lines = [["name", "instance", "docs", "metrics", "token"]] + cells
            return lines.map { $0.map(CSVField.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .markdown:
            func line(_ cells: [String]) -> String {
                "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
            }
            let names = ["Name", "Instance", "Docs", "Metrics", "Token"]
            var lines = [line(names), "|" + String(repeating: "---|", count: names.count)]
            lines += cells.map { row in line([row[0], row[1], row[2], row[3], "`\(row[4])`"]) }
            if let prometheusURL { lines += ["", "Prometheus: \(prometheusURL)"] }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
