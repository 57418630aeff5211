/// The checks of `traffic:` and `topology:`.
extension ConfigValidator {
    func validateTraffic() throws {
        let traffic = config.traffic
        try expect(
            traffic.rate >= 0 && traffic.rate <= TrafficSettings.maxRate, "traffic.rate",
            "a rate from 0 to \(Int(TrafficSettings.maxRate)) requests per second per instance", found: "\(traffic.rate)")
        try expect(
            (0...1).contains(traffic.skew), "traffic.skew",
            "a skew from 0 (equal shares) to 1 (strongly uneven)", found: "\(traffic.skew)")
        try expect(
            (0...1).contains(traffic.amplitude), "traffic.amplitude",
            "an amplitude from 0 (a flat day) to 1 (from nothing to twice the rate)", found: "\(traffic.amplitude)")
        try expectPositive(traffic.period, "traffic.period")
        for kind in TrafficKind.allCases {
            guard let share = traffic.mix[kind] else { continue }
            try expect(share >= 0, "traffic.mix.\(kind.rawValue)", "a share of at least 0", found: "\(share)")
        }
        if !traffic.mix.values.contains(where: { $0 > 0 }) {
            throw map.error("traffic.mix",
                "expected at least one kind of request with a share above 0, found none, so no request could be sent")
        }
        try expectPort(traffic.metricsPort, "traffic.metrics_port")
    }

    func validateTopology() throws {
        for (key, values, example) in [
            ("topology.zones", config.topology.zones, "zone-a"), ("topology.versions", config.topology.versions, "v1"),
        ] {
            guard !values.isEmpty else {
                throw map.error(key, "expected at least one name (like [\(example)]), found an empty list")
            }
            for (index, value) in values.enumerated() where !TrafficLabel.isValid(value) {
                throw map.error(key,
                    "expected names of letters, digits, '-', '_' or '.', found \(value.quotedForMessage) at position \(index + 1)")
            }
        }
    }
}
