import FleetChaos
import FleetModel
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The round as every role may see it, the students' answers, and the scoreboard.
    func addStudentRoutes(to router: Router<ConsoleRequestContext>) {
        router.get("/api/round") { request, context in
            _ = try self.authorize(request, context, requiring: .anyone)
            let (phase, visible) = self.round.withLock { ($0.phase, $0.scoreboardVisible) }
            return ConsoleResponse.json(ConsoleAPI.Round(phase: phase.rawValue, scoreboardVisible: visible))
        }
        router.post("/api/answers") { request, context in
            let session = try self.authorize(request, context, requiring: .student)
            let body = try await self.decode(ConsoleAPI.AnswerRequest.self, from: request, maxBytes: self.options.answerLimits.bodyBytes)
            let start = body.start.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let answer = StudentAnswer(instance: body.instance, scenario: body.scenario, start: start)
            let name = session.role.displayName
            let kept: (answers: [StudentAnswer], round: Int, seed: UInt64?)
            do {
                kept = try self.round.withLock { round in
                    try round.submit(answer, by: name, at: .now)
                    return (round.answers(of: name), round.number, round.seed)
                }
            } catch let error as AnswerRefusal {
                switch error {
                case .noRoundOpen: throw ConsoleError(.conflict, error.message)
                case .invalidField: throw ConsoleError(.unprocessableContent, error.message)
                case .tooManyAnswers: throw ConsoleError(.contentTooLarge, error.message)
                case .rateLimited: throw ConsoleError(.tooManyRequests, error.message)
                }
            }
            do {
                try self.archive.save(
                    AnswerSheet(team: name, answers: kept.answers), student: name, round: kept.round, seed: kept.seed, at: Date())
            } catch {
                // The answer is kept and graded in memory all the same; only the copy on disk is missing.
                self.logger.error("console: could not keep \(name)'s answers on disk: \(error)")
            }
            return ConsoleResponse.json(self.answers(of: name), status: .created)
        }
        router.get("/api/answers") { request, context in
            let session = try self.authorize(request, context, requiring: .student)
            return ConsoleResponse.json(self.answers(of: session.role.displayName))
        }
        router.get("/api/scoreboard") { request, context in
            let session = try self.authorize(request, context, requiring: .anyone)
            let (visible, phase, rows) = self.round.withLock { ($0.scoreboardVisible, $0.phase, $0.scoreboard()) }
            if session.role != .instructor && !visible {
                throw ConsoleError(.forbidden, "The instructor has not shown the scoreboard")
            }
            return ConsoleResponse.json(ConsoleAPI.Scoreboard(visible: visible, phase: phase.rawValue, rows: rows.map { row in
                ConsoleAPI.ScoreRow(
                    student: row.student, answers: row.answers, score: row.grade?.score,
                    truePositives: row.grade?.truePositives, falseAlarms: row.grade?.falseAlarms)
            }))
        }
    }

    /// One student's answers, with each one's verdict once revealed.
    func answers(of student: String) -> ConsoleAPI.Answers {
        round.withLock { round in
            let grade = round.grade(of: student)
            let answers = round.answers(of: student).enumerated().map { index, answer in
                ConsoleAPI.Answer(
                    instance: answer.instance, scenario: answer.scenario, start: answer.start,
                    verdict: grade?.lines.first { $0.answerNumber == index + 1 }?.verdict.rawValue)
            }
            return ConsoleAPI.Answers(phase: round.phase.rawValue, answers: answers, score: grade?.score)
        }
    }
}
