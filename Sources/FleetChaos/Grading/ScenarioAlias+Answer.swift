import FleetModel
import Foundation

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
    /// - **scenario4** (latency): words starting with `latenc`, `slow`, `delay` or `lag`;
    ///   `p50`, `p90`, `p95`, `p99`; `response time`;
    /// - **scenario5** (errors): words starting with `error`, `500` or `5xx`; `internal server error`;
    /// - **scenario6** (cpu): words starting with `cpu` or `processor`; `load`;
    /// - **scenario7** (crash loop): words starting with `crash`, `restart` or `reboot`;
    /// - **scenario8** (fd leak): words starting with `descriptor` or `fd`; `file handle`,
    ///   `open files`. "fd leak" and "descriptor leak" are fd leaks, not memory leaks, and
    ///   "error rate" is about errors, not the rate limit.
    ///
    /// Every clue found must point at the same scenario: `scenario1 (memory leak)` is
    /// scenario1, `memory or disk` is ambiguous and gives `nil`.
    public init?(answer: String) {
        var normalized = ""
        for character in answer.lowercased() {
            normalized.append("-_/.:(),#".contains(character) ? " " : character)
        }
        // Two-word names whose second word is another scenario's clue ("leak", "rate").
        for (phrase, meaning) in Self.compoundKinds {
            normalized = " \(normalized) ".replacingOccurrences(of: " \(phrase) ", with: " \(meaning) ")
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
            (.scenario4, ["latenc", "slow", "delay", "lag"], ["p50", "p90", "p95", "p99"], ["response time"]),
            (.scenario5, ["error", "500", "5xx"], [], ["internal server error"]),
            (.scenario6, ["cpu", "processor"], ["load"], []),
            (.scenario7, ["crash", "restart", "reboot"], [], []),
            (.scenario8, ["descriptor", "fd"], [], ["file handle", "open files"]),
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

    /// Rewrites applied before the clues are read: each names one kind with a word that is
    /// another kind's clue.
    private static let compoundKinds: [(phrase: String, meaning: String)] = [
        ("fd leak", "fd"), ("fds leak", "fd"), ("file descriptor leak", "descriptor"), ("descriptor leak", "descriptor"),
        ("file handle leak", "descriptor"), ("error rate", "errors"), ("error ratio", "errors"),
    ]
}
