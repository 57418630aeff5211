import FleetChaos
import FleetModel
import Testing

/// The plan of seed 42 is frozen: any change to the PRNG, the distributions or the planner's
/// algorithm shows up here as a diff, and a published seed would no longer replay.
@Suite struct GoldenPlanTests {
    /// With the workshop's three scenarios weighted (the defaults before scenario4–8 existed),
    /// seed 42 still gives the plan it always gave.
    @Test func seed42OnFiveInstancesMatchesGoldenFile() throws {
        var settings = ChaosSettings()
        settings.duration = .seconds(30 * 60)
        settings.weights = [.scenario1: 1, .scenario2: 1, .scenario3: 1]
        let plan = ChaosPlanner.plan(settings: settings, instanceIDs: TestSupport.instanceIDs(5), seed: 42)
        let text = ChaosPlanner.render(plan)
        if try TestSupport.updateFixtureIfRequested("golden-plan-seed42.txt", text: text) { return }
        let golden = try TestSupport.fixture("golden-plan-seed42.txt")
        #expect(Array(text.utf8) == Array(golden.utf8), "rendered plan:\n\(text)")
    }

    /// The default weights (all eight scenarios) have their own frozen plan.
    @Test func seed42WithAllEightScenariosMatchesGoldenFile() throws {
        var settings = ChaosSettings()
        settings.duration = .seconds(30 * 60)
        let plan = ChaosPlanner.plan(settings: settings, instanceIDs: TestSupport.instanceIDs(5), seed: 42)
        let text = ChaosPlanner.render(plan)
        if try TestSupport.updateFixtureIfRequested("golden-plan-seed42-eight.txt", text: text) { return }
        let golden = try TestSupport.fixture("golden-plan-seed42-eight.txt")
        #expect(Array(text.utf8) == Array(golden.utf8), "rendered plan:\n\(text)")
    }
}
