import ArgumentParser
import FleetChaos

/// `--format table|csv|json` of `fleet chaos grade`.
extension ClassGradeFormat: ExpressibleByArgument {}
