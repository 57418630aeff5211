/// One exercise of the lab guide (`docs/lab.md`, section 3) with its main queries.
///
/// A query is a template: `⟨,i⟩` stands inside an existing selector and `⟨i⟩` after a bare
/// metric name; for the whole fleet both vanish (giving the guide's query verbatim, which a test
/// checks against `docs/lab.md`), for a student they become `, instance="svc-NN"` and
/// `{instance="svc-NN"}`, so every query shows their instance only.
public struct LabExercise: Sendable {
    /// The guide's heading.
    public var title: String
    /// The scenario the exercise is about (`scenario1` …).
    public var scenario: String
    /// The query templates (see the type's documentation).
    public var queries: [String]

    /// The exercise as the page shows it.
    struct Rendered: Encodable {
        var title: String
        var scenario: String
        var queries: [String]
    }

    /// The queries for the whole fleet (`instance` nil) or for one instance.
    public func queries(instance: String?) -> [String] {
        queries.map { Self.render($0, instance: instance) }
    }

    func rendered(instance: String?) -> Rendered {
        Rendered(title: title, scenario: scenario, queries: queries(instance: instance))
    }

    static func render(_ template: String, instance: String?) -> String {
        let matcher = instance.map { #"instance="\#($0)""# }
        return template
            .replacingOccurrences(of: "⟨,i⟩", with: matcher.map { ", " + $0 } ?? "")
            .replacingOccurrences(of: "⟨i⟩", with: matcher.map { "{" + $0 + "}" } ?? "")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
