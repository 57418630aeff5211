import FleetChaos
import FleetModel

/// The JSON bodies of the console's API (the page's side is `ConsoleScript`).
enum ConsoleAPI {
    /// `GET /api/me`: who is signed in and what the page needs to draw their view.
    struct Me: Encodable {
        var role: String
        var name: String
        var instance: String?
        var csrf: String
        var fleet: String
        var studentsControlTheirInstance: Bool
        var prometheusPort: Int?
        var scenarios: [Scenario]
        var exercises: [LabExercise.Rendered]
    }

    struct Scenario: Encodable {
        var alias: String
        var failureMode: String
    }

    /// One row of the instance grid.
    struct Instance: Encodable {
        var id: String
        var owner: String?
        var zone: String?
        var state: String
        var scenario: String?
        var restarts: Int
        var port: Int?
    }

    struct Instances: Encodable {
        var instances: [Instance]
    }

    /// `POST /api/scenario/start|stop`.
    struct ScenarioRequest: Decodable {
        var scenario: String
        var instances: InstanceSelection
    }

    struct Results: Encodable {
        var results: [InstanceResult]
    }

    /// `POST /api/chaos/run`.
    struct ChaosRunRequest: Decodable {
        var seed: UInt64?
        var duration: String?
    }

    /// `GET /api/chaos`: the round, its timeline (chaos events) and, once revealed, the key.
    struct Chaos: Encodable {
        var phase: String
        var seed: UInt64?
        var timeline: [TimelineEntry]
        var key: String?
    }

    struct TimelineEntry: Encodable {
        var time: String
        var event: String
        var instance: String?
        var scenario: String?
        var detail: String?
    }

    struct Plan: Encodable {
        var seed: UInt64
        var plan: String
    }

    /// `GET /api/round`: what every role may know of the round.
    struct Round: Encodable {
        var phase: String
        var scoreboardVisible: Bool
    }

    /// `POST /api/answers`.
    struct AnswerRequest: Decodable {
        var instance: String
        var scenario: String
        var start: String?
    }

    /// `GET /api/answers`: the student's own answers, graded once revealed.
    struct Answers: Encodable {
        var phase: String
        var answers: [Answer]
        var score: Double?
    }

    struct Answer: Encodable {
        var instance: String
        var scenario: String
        var start: String?
        var verdict: String?
    }

    struct Scoreboard: Encodable {
        var visible: Bool
        var phase: String
        var rows: [ScoreRow]
    }

    struct ScoreRow: Encodable {
        var student: String
        var answers: Int
        var score: Double?
        var truePositives: Int?
        var falseAlarms: Int?
    }

    struct ScoreboardRequest: Decodable {
        var visible: Bool
    }

    struct TrafficRateRequest: Decodable {
        var rate: Double
    }

    struct SignInForm: Decodable {
        var token: String
    }
}
