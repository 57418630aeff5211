extension ChaosJournal {
    /// The instance ids answers may name: every instance of the fleets the journal's runs
    /// ran on (`run_started` lines record them), and every instance an injection named.
    ///
    /// `fallback` (the configuration's instances) is added only when no run recorded its
    /// fleet — a journal written before `run_started` carried `instances` — because a run
    /// on `fleet up --instances 8` may well have had more instances than the configuration.
    public static func instanceIDs(in journal: [JournalEntry], fallback: [String]) -> [String] {
        var ids: [String] = []
        var recorded = false
        for entry in journal {
            if let instances = entry.instances {
                recorded = true
                ids += instances
            }
            if let instance = entry.instance { ids.append(instance) }
        }
        if !recorded { ids = fallback + ids }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
