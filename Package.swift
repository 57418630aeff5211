// swift-tools-version:6.2
import PackageDescription

/// fleetsim: a fleet of the Prometheus workshop service, one binary (`fleet`).
///
/// Module layout mirrors the architecture:
/// - `OwnedThread`: the one kind of OS thread the project owns (pthread, joinable, named).
/// - `CZeroMQ` / `ZeroMQ`: libzmq through pkg-config, behind a small safe Swift wrapper.
/// - `FleetModel`: what every process shares: configuration, size syntax, the control protocol.
/// - `FleetProcess`: spawning, reaping and the parent-death signal (no orphans).
/// - `LoopbackHTTP`: the minimal keep-alive HTTP client of health probes and scenario3.
/// - `FleetClient`: the control protocol's client side (requests, event subscription).
/// - `FleetInstance`: one instance of the workshop service (HTTP API, scenarios, `/metrics`).
/// - `FleetSupervisor`: spawns and keeps instances, the ZeroMQ control plane, Prometheus.
/// - `FleetChaos`: seeded chaos plans, the answer-key journal and grading.
/// - `FleetTraffic`: the background traffic as values: seeded weights, daily curve, request sequence.
/// - `FleetTrafficRunner`: `fleet traffic run`, which sends that traffic over loopback (async-http-client).
/// - `FleetConsole`: the web console of the instructor and the students (Hummingbird), a client
///   of the control protocol like the CLI.
/// - `FleetCLI`: the `fleet` commands; `fleet` is a thin `main`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "fleetsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fleet", targets: ["fleet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .target(
            name: "CFleetSystem"
        ),
        .target(
            name: "OwnedThread",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ", "OwnedThread"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetProcess",
            dependencies: ["CFleetSystem", "OwnedThread"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LoopbackHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetHTTPServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetClient",
            dependencies: ["FleetModel", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetInstance",
            dependencies: [
                "FleetHTTPServer",
                "CFleetSystem",
                "FleetModel",
                "FleetProcess",
                "LoopbackHTTP",
                "ZeroMQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetChaos",
            dependencies: [
                "FleetModel",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetTraffic",
            dependencies: ["FleetModel", "FleetChaos"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetTrafficRunner",
            dependencies: [
                "FleetHTTPServer",
                "FleetModel",
                "FleetTraffic",
                "ZeroMQ",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetSupervisor",
            dependencies: [
                "FleetHTTPServer",
                "FleetModel",
                "FleetTraffic",
                "FleetProcess",
                "LoopbackHTTP",
                "FleetChaos",
                "ZeroMQ",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetConsole",
            dependencies: [
                "FleetModel",
                "FleetClient",
                "FleetChaos",
                "FleetHTTPServer",
                "ZeroMQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetCLI",
            dependencies: [
                "FleetModel",
                "FleetClient",
                "FleetConsole",
                "FleetProcess",
                "FleetInstance",
                "FleetSupervisor",
                "FleetChaos",
                "FleetTrafficRunner",
                "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fleet",
            dependencies: [
                "FleetCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FleetTestSupport",
            path: "Tests/FleetTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZeroMQTests",
            dependencies: ["ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetModelTests",
            dependencies: [
                "FleetModel",
                "FleetChaos",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetInstanceTests",
            dependencies: [
                "FleetInstance",
                "FleetTestSupport",
                "LoopbackHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetHTTPServerTests",
            dependencies: [
                "FleetHTTPServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetChaosTests",
            dependencies: [
                "FleetChaos",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetTrafficTests",
            dependencies: ["FleetTraffic", "FleetModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetProcessTests",
            dependencies: ["FleetProcess"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetClientTests",
            dependencies: ["FleetClient", "FleetModel", "ZeroMQ"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetSupervisorTests",
            dependencies: ["FleetSupervisor", "FleetChaos", "FleetModel", "FleetTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetConsoleTests",
            dependencies: [
                "FleetConsole",
                "FleetChaos",
                "FleetModel",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FleetIntegrationTests",
            dependencies: ["FleetModel", "FleetTestSupport", "ZeroMQ"],
            exclude: ["pyzmq", "chromium"],
            swiftSettings: swiftSettings
        ),
    ]
)
