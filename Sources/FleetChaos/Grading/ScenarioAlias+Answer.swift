import FleetModel

extension ScenarioAlias {
    /// Reads a student's description of a scenario, forgivingly; `nil` when it names no
    /// scenario or more than one.
    ///
    /// Case, `-`, `_`, `/`, `.`, `:`, `(`, `)` and extra spaces are ignored. Recognized:
    /// - the alias: `scenario1`, `scenario 1`, `scenario-1`, `s1`, `sc1`, `#1`, `1`;
    /// - **scenario1** (memory leak): words starting with `mem` or `leak`, `oom`,
    ///   `out of memory`, `heap`, `ram`, `rss`;
    /// - **scenario2** (disk fill): words starting with `disk`, `disc`, `filesystem`,
    ///   `storage`, `space`, `inode`; `fs`, `file system`, `no space`;
    /// - **scenario3** (rate limit): words starting with `rate`, `throttl` or `429`;
    ///   `too many requests`. (`limit` alone is no clue: "memory limit" is a memory problem.)
    ///
    /// Every clue found must point at the same scenario: `scenario1 (memory leak)` is
    /// scenario1, `memory or disk` is ambiguous and gives `nil`.
    public init?(answer: String) {
        var normalized = ""
        for character in answer.lowercased() {
            normalized.append("-_/.:(),#".contains(character) ? " " : character)
        }
        let words = normalized.split(separator: " ").map(String.init)
        let text = " " + words.joined(separator: " ") + " "
        var found = Set<ScenarioAlias>()

        // Alias forms: "scenario1", "s1", "sc1", "1", and "scenario 1" split over two words.
        for (index, word) in words.enumerated() {
            var number = word
            for prefix in ["scenario", "sc", "s"] where number.hasPrefix(prefix) {
                number.removeFirst(prefix.count)
                break
            }
            if number.isEmpty, ["scenario", "sc", "s"].contains(word), index + 1 < words.count {
                number = words[index + 1]
            }
            if let alias = ScenarioAlias(rawValue: "scenario" + number) { found.insert(alias) }
        }

        let clues: [(ScenarioAlias, prefixes: [String], words: [String], phrases: [String])] = [
            (.scenario1, ["mem", "leak"], ["oom", "heap", "ram", "rss"], ["out of memory"]),
            (.scenario2, ["disk", "disc", "filesystem", "storage", "space", "inode"], ["fs"], ["file system", "no space"]),
            (.scenario3, ["rate", "throttl", "429"], [], ["too many requests"]),
        ]
        for (alias, prefixes, exactWords, phrases) in clues {
            let byWord = words.contains { word in
                exactWords.contains(word) || prefixes.contains { word.hasPrefix($0) }
            }
            if byWord || phrases.contains(where: { text.contains(" \($0) ") }) { found.insert(alias) }
        }

        guard found.count == 1, let only = found.first else { return nil }
        self = only
    }
}
