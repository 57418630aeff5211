/// Reading of the `traffic:`, `topology:` and `console:` sections (types only; ranges are validation's).
extension FleetConfigLoader {
    static func readTraffic(_ node: ConfigNode, into traffic: inout TrafficSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(
            node,
            allowedKeys: ["enabled", "rate", "skew", "period", "amplitude", "seed", "mix", "metrics_port"],
            map: map)
        try section.read("enabled") { traffic.enabled = try $0.bool() }
        try section.read("rate") { traffic.rate = try $0.number() }
        try section.read("skew") { traffic.skew = try $0.number() }
        try section.read("period") { traffic.period = try $0.duration() }
        try section.read("amplitude") { traffic.amplitude = try $0.number() }
        // Null means "no fixed seed", as when the key is absent: one is drawn and printed.
        try section.read("seed") { traffic.seed = $0.isNull ? nil : try $0.unsignedWholeNumber() }
        try section.read("mix") { value in
            // The mapping replaces the default mix: a kind left out is never sent.
            let mix = try ConfigMapping(value, allowedKeys: TrafficKind.allCases.map(\.rawValue), map: map)
            traffic.mix = [:]
            for kind in TrafficKind.allCases {
                try mix.read(kind.rawValue) { traffic.mix[kind] = try $0.number() }
            }
        }
        try section.read("metrics_port") { traffic.metricsPort = try $0.wholeNumber() }
    }

    static func readTopology(_ node: ConfigNode, into topology: inout TopologySettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(node, allowedKeys: ["zones", "versions"], map: map)
        func labels(_ value: ConfigNode, _ what: String) throws -> [String] {
            try value.list().map { item in
                guard let text = item.scalarText else { throw item.mismatch(what) }
                return text
            }
        }
        try section.read("zones") { topology.zones = try labels($0, "a zone name like \"zone-a\"") }
        try section.read("versions") { topology.versions = try labels($0, "a version like \"v1\"") }
    }

    static func readConsole(_ node: ConfigNode, into console: inout ConsoleSettings, map: ConfigSourceMap) throws {
        let section = try ConfigMapping(node, allowedKeys: ["port"], map: map)
        try section.read("port") { console.port = try $0.wholeNumber() }
    }
}
