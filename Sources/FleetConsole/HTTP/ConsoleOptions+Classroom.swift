import FleetModel

extension ConsoleOptions {
    /// The console's options for the fleet of `config`: owners from the roster, and student
    /// scenario control as `classroom.scenario_control` has it in force (`open` or `owner`).
    public init(classroom config: FleetConfig) {
        let mode = config.classroom.effectiveScenarioControl
        self.init(
            config: config, studentsControlTheirInstance: mode == .open || mode == .owner,
            owners: Dictionary(uniqueKeysWithValues: config.classroomRoster.map { ($0.instanceID, $0.name) }))
    }
}
