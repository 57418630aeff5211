import FleetChaos
import FleetModel
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// Chaos for the instructor: plan preview, run, stop, the round's timeline, the reveal, and
    /// the scoreboard's visibility.
    func addChaosRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/api/chaos") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let (phase, seed, key) = self.round.withLock { ($0.phase, $0.seed, $0.key) }
            let timeline = self.hub.recent().compactMap(Self.timelineEntry)
            return ConsoleResponse.json(ConsoleAPI.Chaos(
                phase: phase.rawValue, seed: seed, timeline: timeline,
                key: phase == .revealed ? ChaosJournal.renderReveal(key) : nil))
        }
        router.get("/api/chaos/plan") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let query = request.uri.queryParameters
            let seed: UInt64
            if let text = query["seed"].map(String.init), !text.isEmpty {
                guard let parsed = UInt64(text) else { throw ConsoleError(.badRequest, "seed: expected a whole number, found \"\(text)\"") }
                seed = parsed
            } else {
                seed = self.options.config.chaos.seed ?? ChaosPlanner.freshSeed()
            }
            let duration = try Self.duration(query["duration"].map(String.init), settings: self.options.config.chaos)
            let plan = ChaosPlanner.plan(
                settings: self.options.config.chaos, instanceIDs: self.options.config.instanceIDs, seed: seed, duration: duration)
            return ConsoleResponse.json(ConsoleAPI.Plan(seed: seed, plan: ChaosPlanner.render(plan)))
        }
        router.post("/api/chaos/run") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let body = try await self.decode(ConsoleAPI.ChaosRunRequest.self, from: request)
            let duration = try Self.duration(body.duration, settings: self.options.config.chaos)
            guard case .chaos(_, let summary) = try await self.send(.chaos(seed: body.seed, durationMs: duration?.wholeMilliseconds)) else {
                throw ConsoleError(.badGateway, "The fleet did not start chaos")
            }
            self.round.withLock { $0.open(seed: summary.seed) }
            return ConsoleResponse.json(summary)
        }
        router.post("/api/chaos/stop") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            _ = try await self.send(.chaosStop)
            return ConsoleResponse.json(["stopped": true])
        }
        router.post("/api/chaos/reveal") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let path = self.options.config.chaosJournalPath
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConsoleError(.conflict, "No chaos has run with this data folder yet")
            }
            let entries: [JournalEntry]
            do {
                entries = try ChaosJournal.read(path: path)
            } catch {
                throw ConsoleError(.conflict, "The answer key cannot be read: \(error)")
            }
            let key = self.round.withLock { round in
                round.reveal(journal: entries, at: Date().formatted(Self.eventTime))
                return round.key
            }
            return ConsoleResponse.json(["key": ChaosJournal.renderReveal(key)])
        }
        router.post("/api/scoreboard") { request, context in
            _ = try self.authorize(request, context, requiring: .instructor)
            let body = try await self.decode(ConsoleAPI.ScoreboardRequest.self, from: request)
            self.round.withLock { $0.scoreboardVisible = body.visible }
            return ConsoleResponse.json(["visible": body.visible])
        }
    }

    /// Events' time format: ISO-8601 UTC with milliseconds, so times compare as strings.
    static let eventTime = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Opens a round for chaos the console did not start, as its first injection arrives.
    func observe(_ event: FleetEvent) {
        if case .chaosInjected = event.happening {
            round.withLock { $0.noticeInjection(at: event.time) }
        }
    }

    /// A `duration` parameter (`10m`), checked as `fleet chaos run --duration` checks it; nil
    /// means `chaos.duration`.
    static func duration(_ text: String?, settings: ChaosSettings) throws -> Duration? {
        guard let text, !text.isEmpty else { return nil }
        let value: Duration
        do {
            value = try DurationSyntax.parse(text)
        } catch {
            throw ConsoleError(.badRequest, "duration: \(error)")
        }
        guard value > .zero else { throw ConsoleError(.badRequest, "duration: expected a positive duration like 10m") }
        if let problem = settings.planSizeProblem(duration: value) { throw ConsoleError(.badRequest, "duration: \(problem)") }
        return value
    }

    /// The events of the chaos timeline: injections, skips, and the stops chaos made.
    static func timelineEntry(_ event: FleetEvent) -> ConsoleAPI.TimelineEntry? {
        switch event.happening {
        case .chaosInjected, .chaosSkipped: break
        case .scenarioStopped(_, _, .chaos): break
        default: return nil
        }
        return ConsoleAPI.TimelineEntry(
            time: event.time, event: event.kind.rawValue, instance: event.instance, scenario: event.scenario?.rawValue,
            detail: event.detail)
    }
}
