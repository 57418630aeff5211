/// Pairs `applied` lines with the `stopped` lines that end them (internal; shared by
/// ``ChaosJournal/appliedInjections(in:)`` and the reveal table).
///
/// A `stopped` line closes the open `applied` line of the same seed, instance and scenario —
/// the one with the same `started_at` if there is one, else the most recent. A `stopped` line
/// that closes nothing (its `applied` line was lost) is reported as an orphan.
struct JournalFold {
    /// Index of each `applied` entry whose `started_at` parses, with the index of its `stopped` entry.
    var pairs: [(applied: Int, stop: Int?)] = []
    /// Indices of `stopped` entries that matched no `applied` entry.
    var orphanStops: [Int] = []

    init(_ entries: [JournalEntry]) {
        var openPairs: [Int] = []  // indices into `pairs` still waiting for their stop
        for (index, entry) in entries.enumerated() {
            switch entry.kind {
            case .applied:
                // An applied line without a usable start cannot be placed in time: leave it out.
                guard entry.instance != nil, entry.scenario != nil, entry.startDate != nil else { continue }
                openPairs.append(pairs.count)
                pairs.append((index, nil))
            case .stopped:
                let candidates = openPairs.filter { pairIndex in
                    let applied = entries[pairs[pairIndex].applied]
                    return applied.seed == entry.seed && applied.instance == entry.instance
                        && (entry.scenario == nil || applied.scenario == entry.scenario)
                }
                let exact = candidates.last { entries[pairs[$0].applied].startedAt == entry.startedAt }
                if let chosen = exact ?? candidates.last {
                    pairs[chosen].stop = index
                    openPairs.removeAll { $0 == chosen }
                } else {
                    orphanStops.append(index)
                }
            default:
                continue
            }
        }
    }
}
