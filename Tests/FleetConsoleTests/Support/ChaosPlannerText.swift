import FleetChaos
import FleetModel

/// The plan text `fleet chaos plan` prints, for comparison with the console's preview.
enum ChaosPlannerText {
    static func plan(config: FleetConfig, seed: UInt64, minutes: Int64) -> String {
        ChaosPlanner.render(ChaosPlanner.plan(
            settings: config.chaos, instanceIDs: config.instanceIDs, seed: seed, duration: .seconds(minutes * 60)))
    }
}
