import FleetModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import FleetInstance

#if canImport(Glibc)
import Glibc
#endif

/// The root of every suite of this target except the documents suite.
///
/// Serialized on purpose: several tests measure this process's resident memory (the leak
/// scenario, the process metrics) or its timing (the rate-limit client), and must not share the
/// process with other tests allocating or burning CPU at the same moment. Nested suites are
/// declared in `extension InstanceTests { ... }` in their own files.
@Suite(.serialized) enum InstanceTests {}

// MARK: - Runtimes and applications

/// A scenario without side effects: it runs until it is cancelled, then returns.
struct IdleScenario: FailureScenario {
    func run() async {
        try? await Task.sleep(for: .seconds(3600))
    }
}

enum Fixtures {
    static let host = "127.0.0.1"
    static let port = 18081
    /// What `app.test(.router)` sends as the request authority (the `Host` header).
    static let routerAuthority = "localhost"

    /// A configuration with tiny `do_something` delays so contract tests stay fast.
    static func config() -> FleetConfig {
        var config = FleetConfig()
        config.scenarios.scenario3.minDelay = .milliseconds(1)
        config.scenarios.scenario3.maxDelay = .milliseconds(2)
        return config
    }

    /// A data folder path that nothing else uses; it is not created.
    ///
    /// Every one lies inside ``scratchRoot``, which goes when the test process exits, whether its
    /// tests passed or failed: a failing test never runs the cleanup that follows its failure.
    static func uniqueDataDirectory() -> String {
        (scratchRoot as NSString).appendingPathComponent(UUID().uuidString)
    }

    /// This test process's folder for instance data (`/tmp/fleetsim-itests-<pid>`), removed at exit.
    static let scratchRoot: String = {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("fleetsim-itests-\(getpid())")
        atexit { try? FileManager.default.removeItem(atPath: Fixtures.scratchRoot) }
        return root
    }()

    /// A runtime whose scenarios are `IdleScenario`s unless `makeScenario` says otherwise.
    static func runtime(
        config: FleetConfig = Fixtures.config(), dataDirectory: String = Fixtures.uniqueDataDirectory(),
        makeScenario: @escaping @Sendable (ScenarioAlias) -> any FailureScenario = { _ in IdleScenario() }
    ) -> InstanceRuntime {
        InstanceRuntime(
            identity: InstanceIdentity(id: "svc-test", host: host, port: port, dataDirectory: dataDirectory),
            config: config, makeScenario: makeScenario)
    }

    static func application(_ runtime: InstanceRuntime) -> some ApplicationProtocol {
        Application(router: InstanceRouter.build(runtime: runtime))
    }
}

// MARK: - Requests and responses

extension TestClientProtocol {
    /// Sends a request and returns the response.
    func send(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> TestResponse {
        let headers: HTTPFields = body == nil ? [:] : [.contentType: "application/json"]
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, bytes: [UInt8]) async throws -> TestResponse {
        try await execute(
            uri: uri, method: method, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: bytes))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body parsed with Foundation (independent of the module's own JSON code).
    var jsonObject: [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The first validation issue of a `{"detail": [...]}` body.
    var firstIssue: [String: Any]? {
        (jsonObject?["detail"] as? [[String: Any]])?.first
    }
}

/// Checks that `response` is an error answered the FastAPI way: below 500, `application/json`,
/// a JSON object with `detail`.
func expectJSONError(
    _ response: TestResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status.code < 500, "\(what): \(response.status)", sourceLocation: sourceLocation)
    #expect(response.status.code >= 400, "\(what): \(response.status)", sourceLocation: sourceLocation)
    #expect(
        response.headers[.contentType] == "application/json", "\(what): content-type",
        sourceLocation: sourceLocation)
    #expect(
        response.jsonObject?["detail"] != nil, "\(what): body is not JSON with detail: \(response.text.prefix(200))",
        sourceLocation: sourceLocation)
}

// MARK: - Waiting, always bounded

/// Evaluates `condition` every `interval` until it holds or `timeout` has passed; true when it held.
func poll(
    every interval: Duration = .milliseconds(20), timeout: Duration,
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// The result of `operation`, or nil when it has not finished within `limit` (it is then cancelled).
func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// A thread-safe list of what happened, for fakes.
final class EventLog: Sendable {
    private let storage = Mutex<[String]>([])

    func record(_ event: String) { storage.withLock { $0.append(event) } }
    var events: [String] { storage.withLock { $0 } }
    func contains(_ event: String) -> Bool { events.contains(event) }
}

/// A one-shot gate: `wait()` returns once `open()` was called, even from a cancelled task.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func open() { continuation.finish() }

    /// Waits in a detached task, which the caller's cancellation does not reach.
    func wait() async {
        let stream = self.stream
        await Task.detached {
            for await _ in stream {}
        }.value
    }
}

// MARK: - Files

/// A fresh folder under the temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = Fixtures.uniqueDataDirectory()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

// MARK: - /proc

/// This process's resident set size from `/proc/self/statm`, read here independently of the module.
func statmResidentBytes() -> Int64 {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int64(fields[1]) else { return -1 }
    return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
}

let mebibyte: Int64 = 1 << 20

// MARK: - A live server on a real port

/// A TCP port that was free a moment ago: bound to 127.0.0.1:0, read back, closed.
func freeLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
