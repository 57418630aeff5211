import FleetModel
import Foundation

extension ChaosJournal {
    /// Folds journal entries into the injections that really ran, ordered by start time.
    ///
    /// Each `applied` line becomes one record; its `stopped` line (same seed, instance and
    /// scenario; the same `started_at` if several are open) supplies `stop`. Skips, run
    /// brackets, unknown kinds, `applied` lines without a parseable `started_at` and `stopped`
    /// lines that close nothing are left out.
    public static func appliedInjections(in entries: [JournalEntry]) -> [AppliedInjection] {
        let fold = JournalFold(entries)
        let records = fold.pairs.compactMap { pair -> AppliedInjection? in
            let applied = entries[pair.applied]
            guard let instance = applied.instance, let scenario = applied.scenario,
                  let start = applied.startDate else { return nil }
            let stop = pair.stop.map { entries[$0] }
            return AppliedInjection(
                instance: instance, scenario: scenario, start: start, stop: stop?.stopDate,
                plannedOffset: applied.plannedOffset, seed: applied.seed, stopReason: stop?.reason
            )
        }
        // Stable by construction: Swift's sort is stable, and ties keep journal order.
        return records.sorted { $0.start < $1.start }
    }

    /// The text of `fleet chaos reveal`: a summary line, then an aligned table.
    ///
    /// ```
    /// chaos reveal  seed=42  date=2025-05-01 (UTC)  applied=2  skipped=1
    /// START     STOP      OFFSET         INSTANCE  SCENARIO                 STATUS
    /// 10:00:00  -         -              -         -                        run started
    /// 10:02:07  10:04:07  +00:02:07.123  svc-02    scenario1 (memory leak)  applied, stopped: hold elapsed
    /// 10:07:00  -         +00:07:00.002  svc-01    scenario3 (rate limit)   skipped: instance busy with scenario3 (started by a student)
    /// 10:20:10  -         +00:20:10.000  svc-03    scenario1 (memory leak)  applied, no stop recorded
    /// -         10:22:31  -              -         -                        run ended: interrupted
    /// ```
    ///
    /// One row per applied injection (its stop merged in), skip, run start/end and unknown
    /// line, ordered by time (journal order among equal times). Times are UTC, truncated to
    /// the second: `HH:MM:SS` when the whole journal lies within one UTC day (the day is in
    /// the summary), `YYYY-MM-DD HH:MM:SS` otherwise. Every line ends in `\n`.
    public static func renderReveal(_ entries: [JournalEntry]) -> String {
        let fold = JournalFold(entries)
        let stopOf = Dictionary(uniqueKeysWithValues: fold.pairs.compactMap { pair in pair.stop.map { (pair.applied, $0) } })
        let pairedApplied = Set(fold.pairs.map(\.applied))
        let orphans = Set(fold.orphanStops)

        let instants = entries.flatMap { [$0.startedAt, $0.stoppedAt] }.compactMap { $0 }
            .compactMap(ISOTimestamp.epochMilliseconds(parsing:))
        let days = Set(instants.map { ISOTimestamp.floorDiv($0, 86_400_000) })
        let oneDay = days.count <= 1
        func time(_ text: String?) -> String {
            guard let text else { return "-" }
            guard let ms = ISOTimestamp.epochMilliseconds(parsing: text) else { return text }
            let iso = ISOTimestamp.format(epochMilliseconds: ms)  // YYYY-MM-DDTHH:MM:SS.mmmZ
            let clock = String(iso.dropFirst(11).prefix(8))
            return oneDay ? clock : String(iso.prefix(10)) + " " + clock
        }

        var rows: [(sortKey: Int64, cells: [String])] = []
        var appliedCount = 0
        var skippedCount = 0
        for (index, entry) in entries.enumerated() {
            var status: String
            var stopText: String? = nil
            switch entry.kind {
            case .applied:
                guard pairedApplied.contains(index) else { status = "applied (no valid started_at)"; break }
                appliedCount += 1
                if let stopIndex = stopOf[index] {
                    let stop = entries[stopIndex]
                    stopText = stop.stoppedAt
                    status = "applied, stopped" + (stop.reason.map { ": " + $0 } ?? "")
                } else {
                    status = "applied, no stop recorded"
                }
            case .stopped:
                guard orphans.contains(index) else { continue }  // merged into its applied row
                stopText = entry.stoppedAt
                status = "stopped without applied line" + (entry.reason.map { ": " + $0 } ?? "")
            case .skipped:
                skippedCount += 1
                status = "skipped" + (entry.reason.map { ": " + $0 } ?? "")
            case .runStarted:
                status = "run started"
            case .runEnded:
                stopText = entry.stoppedAt
                status = "run ended" + (entry.reason.map { ": " + $0 } ?? "")
            default:
                status = entry.kind.rawValue + (entry.reason.map { ": " + $0 } ?? "")
            }
            let startText = entry.kind == .runEnded ? nil : entry.startedAt
            let sortKey = (startText ?? stopText).flatMap(ISOTimestamp.epochMilliseconds(parsing:)) ?? .max
            rows.append((sortKey, [
                time(startText),
                time(stopText),
                entry.plannedOffset.map(ClockText.offset) ?? "-",
                entry.instance ?? "-",
                entry.scenario.map(ChaosPlanner.label) ?? "-",
                status,
            ]))
        }

        var table = TextTable(header: ["START", "STOP", "OFFSET", "INSTANCE", "SCENARIO", "STATUS"])
        for row in rows.enumerated().sorted(by: { ($0.element.sortKey, $0.offset) < ($1.element.sortKey, $1.offset) }) {
            table.append(row.element.cells)
        }

        var seeds: [UInt64] = []
        for entry in entries where !seeds.contains(entry.seed) { seeds.append(entry.seed) }
        var summary = "chaos reveal  " + (seeds.count > 1 ? "seeds=" : "seed=")
            + (seeds.isEmpty ? "-" : seeds.map(String.init).joined(separator: ","))
        if oneDay, let day = days.first {
            summary += "  date=" + ISOTimestamp.format(epochMilliseconds: day * 86_400_000).prefix(10) + " (UTC)"
        }
        summary += "  applied=\(appliedCount)  skipped=\(skippedCount)\n"
        return summary + table.render()
    }
}
