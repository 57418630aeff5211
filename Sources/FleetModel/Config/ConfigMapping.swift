import Yams

/// A YAML mapping of the configuration whose keys are checked against the keys it may have.
///
/// Creating one rejects unknown keys — the typo `base_prot` would otherwise be ignored and the
/// default port used without a word — and records every key's line in the ``ConfigSourceMap``.
struct ConfigMapping {
    /// The dotted path of the mapping itself (`""` for the document root).
    let path: String
    /// The entries in file order.
    private let entries: [(name: String, value: ConfigNode)]

    /// Reads `node` as a mapping allowed to hold `allowedKeys`.
    ///
    /// A null node (a section whose keys are all commented out) is an empty mapping, so it
    /// means "all defaults" just like a missing section.
    init(_ node: ConfigNode, allowedKeys: [String], map: ConfigSourceMap) throws {
        path = node.key
        if node.isNull {
            entries = []
            return
        }
        guard case .mapping(let mapping) = node.node else {
            throw node.mismatch("a mapping with the keys \(allowedKeys.joined(separator: ", "))")
        }
        var entries: [(name: String, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let keyLine = keyNode.mark?.line ?? node.line
            guard case .scalar(let scalar) = keyNode else {
                throw ConfigError(
                    source: map.source, key: path, line: keyLine,
                    message: "expected a key name (one of \(allowedKeys.joined(separator: ", "))), found a complex key")
            }
            let name = scalar.string
            let childKey = path.isEmpty ? name : "\(path).\(name)"
            guard allowedKeys.contains(name) else {
                throw ConfigError(
                    source: map.source, key: childKey, line: keyLine,
                    message: Self.unknownKeyMessage(name, in: path, allowedKeys: allowedKeys))
            }
            let value = ConfigNode(node: valueNode, key: childKey, line: keyLine, source: map.source)
            map.record(childKey, line: keyLine, text: value.scalarText)
            entries.append((name, value))
        }
        self.entries = entries
    }

    /// Reads the document root, which holds the sections.
    init(root: Node?, sections: [String], map: ConfigSourceMap) throws {
        // An empty file has no root node at all; treat it like an empty mapping.
        let node = root ?? Node("", .implicit, .plain)
        try self.init(ConfigNode(node: node, key: "", line: node.mark?.line ?? 1, source: map.source),
                      allowedKeys: sections, map: map)
    }

    /// The value of `name`, if the file has it.
    func value(_ name: String) -> ConfigNode? {
        entries.first { $0.name == name }?.value
    }

    /// Calls `body` with the value of `name` if the file has it; a missing key keeps the default.
    func read(_ name: String, _ body: (ConfigNode) throws -> Void) throws {
        if let value = value(name) { try body(value) }
    }

    /// `unknown key "base_prot" (did you mean "base_port"?); fleet allows name, instances, …`.
    private static func unknownKeyMessage(_ name: String, in path: String, allowedKeys: [String]) -> String {
        let kind = path.isEmpty ? "section" : "key"
        var message = "unknown \(kind) \(name.quotedForMessage)"
        let closest = allowedKeys.map { ($0, $0.editDistance(to: name)) }.min { $0.1 < $1.1 }
        if let (suggestion, distance) = closest, distance <= max(2, name.count / 3) {
            message += " (did you mean \(suggestion.quotedForMessage)?)"
        }
        let owner = path.isEmpty ? "the file allows the sections" : "\(path) allows"
        return message + "; \(owner) \(allowedKeys.joined(separator: ", "))"
    }
}
