/// `prometheus.yml` as data: the few parts of Prometheus' configuration a fleet uses, encoded
/// with Yams so quoting and escaping are the encoder's job. Keys are Prometheus' own.
struct PrometheusConfigFile: Codable, Equatable {
    var global: Global
    var ruleFiles: [String]?
    var scrapeConfigs: [ScrapeConfig]

    struct Global: Codable, Equatable {
        var scrapeInterval: String
        var scrapeTimeout: String
        var evaluationInterval: String

        enum CodingKeys: String, CodingKey {
            case scrapeInterval = "scrape_interval"
            case scrapeTimeout = "scrape_timeout"
            case evaluationInterval = "evaluation_interval"
        }
    }

    struct ScrapeConfig: Codable, Equatable {
        var jobName: String
        var honorLabels: Bool?
        var fileSDConfigs: [FileSDConfig]?
        var staticConfigs: [TargetGroup]?

        enum CodingKeys: String, CodingKey {
            case jobName = "job_name"
            case honorLabels = "honor_labels"
            case fileSDConfigs = "file_sd_configs"
            case staticConfigs = "static_configs"
        }
    }

    struct FileSDConfig: Codable, Equatable {
        var files: [String]
        var refreshInterval: String

        enum CodingKeys: String, CodingKey {
            case files
            case refreshInterval = "refresh_interval"
        }
    }

    enum CodingKeys: String, CodingKey {
        case global
        case ruleFiles = "rule_files"
        case scrapeConfigs = "scrape_configs"
    }
}

/// One group of targets with their labels: an entry of a `file_sd` file or of `static_configs`.
struct TargetGroup: Codable, Equatable {
    var targets: [String]
    var labels: [String: String]
}
