import Foundation

/// A small parser of the Prometheus text exposition format, so tests compare values and label
/// sets rather than whole lines.
struct Exposition {
    struct Sample: CustomStringConvertible {
        var name: String
        var labels: [(name: String, value: String)]
        var value: Double

        func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
        var labelNames: Set<String> { Set(labels.map(\.name)) }

        func matches(_ wanted: [String: String]) -> Bool {
            wanted.allSatisfy { label($0.key) == $0.value }
        }

        var description: String {
            "\(name){\(labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ","))} \(value)"
        }
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "\(reason): \(line)" }
    }

    private(set) var samples: [Sample] = []
    /// `# TYPE` lines: family name → type.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4 else { throw SyntaxError(line: String(line), reason: "bad TYPE") }
                types[String(parts[2])] = String(parts[3])
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.parseSample(Array(line.unicodeScalars), line: String(line)))
            }
        }
    }

    /// Every sample named `name` whose labels include `wanted`.
    func series(_ name: String, _ wanted: [String: String] = [:]) -> [Sample] {
        samples.filter { $0.name == name && $0.matches(wanted) }
    }

    /// The value of the one sample named `name` with labels including `wanted`; nil when there
    /// is none or more than one.
    func value(_ name: String, _ wanted: [String: String] = [:]) -> Double? {
        let found = series(name, wanted)
        return found.count == 1 ? found[0].value : nil
    }

    /// The `le` bounds of a histogram series, in the order written, `+Inf` as infinity.
    func bucketBounds(_ family: String, _ wanted: [String: String]) -> [Double] {
        series(family + "_bucket", wanted).compactMap { $0.label("le").flatMap(Self.number) }
    }

    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }

    private static func parseSample(_ scalars: [Unicode.Scalar], line: String) throws -> Sample {
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !name.isEmpty else { throw SyntaxError(line: line, reason: "no metric name") }
        var labels: [(String, String)] = []
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var labelName = ""
                while index < scalars.count, scalars[index] != "=" {
                    labelName.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index + 1 < scalars.count, scalars[index + 1] == "\"" else {
                    throw SyntaxError(line: line, reason: "label value not quoted")
                }
                index += 2
                var value = ""
                while true {
                    guard index < scalars.count else { throw SyntaxError(line: line, reason: "unterminated label value") }
                    let scalar = scalars[index]
                    if scalar == "\"" { break }
                    if scalar == "\\" {
                        guard index + 1 < scalars.count else { throw SyntaxError(line: line, reason: "dangling escape") }
                        switch scalars[index + 1] {
                        case "n": value += "\n"
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        default: throw SyntaxError(line: line, reason: "unknown escape")
                        }
                        index += 2
                        continue
                    }
                    value.unicodeScalars.append(scalar)
                    index += 1
                }
                index += 1
                labels.append((labelName, value))
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            guard index < scalars.count else { throw SyntaxError(line: line, reason: "unterminated label set") }
            index += 1
        }
        guard index < scalars.count, scalars[index] == " " else { throw SyntaxError(line: line, reason: "no value") }
        let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        guard let valueText = rest.split(separator: " ").first, let value = number(String(valueText)) else {
            throw SyntaxError(line: line, reason: "bad value")
        }
        return Sample(name: name, labels: labels, value: value)
    }
}
