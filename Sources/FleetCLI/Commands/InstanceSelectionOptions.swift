import ArgumentParser
import FleetModel

/// `--instance <id> … | --all | --random <k>`: which instances a command addresses.
struct InstanceSelectionOptions: ParsableArguments {
    @Option(name: .customLong("instance"), help: ArgumentHelp("An instance id; repeat for several.", valueName: "id"))
    var instances: [String] = []

    @Flag(help: "Every instance of the fleet.")
    var all = false

    @Option(help: ArgumentHelp("k instances chosen at random (idle ones first).", valueName: "k"))
    var random: Int?

    func selection() throws -> InstanceSelection {
        let given = [!instances.isEmpty, all, random != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --instance <id> …, --all or --random <k>") }
        if all { return .all }
        if let random {
            guard random >= 1 else { throw ValidationError("--random needs at least 1") }
            return .random(random)
        }
        return .ids(instances)
    }
}
