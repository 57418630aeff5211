import ArgumentParser
import FleetCLI

/// The `fleet` executable: every command lives in FleetCLI.
@main
enum FleetMain {
    static func main() async {
        // Through the existential so the async entry point is chosen, not the synchronous one.
        let command: any AsyncParsableCommand.Type = FleetCommand.self
        await command.main()
    }
}
