import Testing

import FleetModel

/// Every role × mode of `ScenarioControlPolicy`, and how `auto` resolves.
@Suite("Scenario control policy")
struct ScenarioControlPolicyTests {
    static let owner = ClassroomRole.student(name: "Ada", instanceID: "svc-01")
    static let otherStudent = ClassroomRole.student(name: "Grace", instanceID: "svc-02")

    struct Case: Sendable, CustomTestStringConvertible {
        var mode: ScenarioControlMode
        var role: ClassroomRole?
        var expected: ScenarioControlDecision
        var testDescription: String { "\(mode) × \(role.map { "\($0)" } ?? "no token") → \(expected)" }
    }

    @Test(arguments: [
        Case(mode: .open, role: nil, expected: .allowed),
        Case(mode: .open, role: owner, expected: .allowed),
        Case(mode: .open, role: otherStudent, expected: .allowed),
        Case(mode: .open, role: .instructor, expected: .allowed),
        Case(mode: .owner, role: nil, expected: .notAuthenticated),
        Case(mode: .owner, role: owner, expected: .allowed),
        Case(mode: .owner, role: otherStudent, expected: .notYourInstance),
        Case(mode: .owner, role: .instructor, expected: .allowed),
        Case(mode: .instructor, role: nil, expected: .instructorOnly),
        Case(mode: .instructor, role: owner, expected: .instructorOnly),
        Case(mode: .instructor, role: otherStudent, expected: .instructorOnly),
        Case(mode: .instructor, role: .instructor, expected: .instructorOnly),
        // An unresolved auto is the safe side.
        Case(mode: .auto, role: nil, expected: .instructorOnly),
        Case(mode: .auto, role: owner, expected: .instructorOnly),
        Case(mode: .auto, role: otherStudent, expected: .instructorOnly),
        Case(mode: .auto, role: .instructor, expected: .instructorOnly),
    ])
    func decision(_ test: Case) {
        #expect(ScenarioControlPolicy.decide(mode: test.mode, role: test.role, instanceID: "svc-01") == test.expected)
    }

    @Test func refusalsCarryTheIssuesBodiesAndStatuses() {
        #expect(ScenarioControlDecision.notAuthenticated.httpStatus == 401)
        #expect(ScenarioControlDecision.notAuthenticated.detail == "Not authenticated")
        #expect(ScenarioControlDecision.notYourInstance.httpStatus == 403)
        #expect(ScenarioControlDecision.notYourInstance.detail == "Not your instance")
        #expect(ScenarioControlDecision.instructorOnly.httpStatus == 403)
        #expect(ScenarioControlDecision.instructorOnly.detail == "Scenarios on this fleet are controlled by the instructor")
        #expect(ScenarioControlDecision.allowed.detail == nil)
        #expect(ScenarioControlDecision.notAuthenticated.isAuthenticationFailure)
        #expect(ScenarioControlDecision.notYourInstance.isAuthenticationFailure)
        #expect(!ScenarioControlDecision.instructorOnly.isAuthenticationFailure)
    }

    @Test func autoIsOpenOnLoopbackOwnerWithARosterInstructorOtherwise() {
        #expect(ScenarioControlMode.auto.effective(listensBeyondLoopback: false, hasRoster: false) == .open)
        #expect(ScenarioControlMode.auto.effective(listensBeyondLoopback: false, hasRoster: true) == .open)
        #expect(ScenarioControlMode.auto.effective(listensBeyondLoopback: true, hasRoster: true) == .owner)
        #expect(ScenarioControlMode.auto.effective(listensBeyondLoopback: true, hasRoster: false) == .instructor)
        for mode in [ScenarioControlMode.open, .owner, .instructor] {
            #expect(mode.effective(listensBeyondLoopback: true, hasRoster: false) == mode)
        }
    }

    @Test func settingsResolveAgainstListenAndStudents() {
        var settings = ClassroomSettings()
        #expect(settings.effectiveScenarioControl == .open)
        settings.listen = "127.0.0.1"
        #expect(settings.effectiveScenarioControl == .open)
        settings.listen = "0.0.0.0"
        #expect(settings.effectiveScenarioControl == .instructor)
        settings.students = ["Ada"]
        #expect(settings.effectiveScenarioControl == .owner)
    }
}
