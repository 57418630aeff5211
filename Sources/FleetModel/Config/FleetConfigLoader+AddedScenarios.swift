/// Reading of `scenarios.scenario4` … `scenario8`, the failure modes added to the workshop's three.
extension FleetConfigLoader {
    static func readAddedScenarios(
        _ section: ConfigMapping, into scenarios: inout ScenarioSettings, map: ConfigSourceMap
    ) throws {
        try section.read("scenario4") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["delay", "jitter"], map: map)
            try keys.read("delay") { scenarios.scenario4.delay = try $0.duration() }
            try keys.read("jitter") { scenarios.scenario4.jitter = try $0.duration() }
        }
        try section.read("scenario5") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["error_rate"], map: map)
            try keys.read("error_rate") { scenarios.scenario5.errorRate = try $0.number() }
        }
        try section.read("scenario6") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["cores"], map: map)
            try keys.read("cores") { scenarios.scenario6.cores = try $0.number() }
        }
        try section.read("scenario7") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["interval"], map: map)
            try keys.read("interval") { scenarios.scenario7.interval = try $0.duration() }
        }
        try section.read("scenario8") { scenario in
            let keys = try ConfigMapping(scenario, allowedKeys: ["per_step", "interval", "max_open"], map: map)
            try keys.read("per_step") { scenarios.scenario8.perStep = try $0.wholeNumber() }
            try keys.read("interval") { scenarios.scenario8.interval = try $0.duration() }
            try keys.read("max_open") { scenarios.scenario8.maxOpen = try $0.wholeNumber() }
        }
    }
}
