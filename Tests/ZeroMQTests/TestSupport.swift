import Foundation
import Testing
import ZeroMQ

/// Thread-safe recorder for values produced on other threads (event loop callbacks).
/// (NSLock rather than `Mutex`: ThreadSanitizer understands the former on Linux.)
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value] = []

    func append(_ value: Value) {
        lock.withLock { values.append(value) }
    }

    var all: [Value] {
        lock.withLock { values }
    }

    var count: Int {
        lock.withLock { values.count }
    }
}

/// Holds a value set after a closure capturing the box was created (e.g. a loop that its own
/// `onMessage` needs to reach).
final class LateBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: Value?

    var value: Value? {
        get { lock.withLock { storage } }
        set { lock.withLock { storage = newValue } }
    }
}

/// Polls `condition` until it holds or `timeout` passes: a bounded wait, not a blind sleep.
/// - Returns: whether the condition held in time.
@discardableResult
func waitUntil(
    timeout: Duration = .seconds(5),
    _ condition: () -> Bool
) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

/// Runs `body` with a fresh temporary folder (short, for `ipc://` paths) and removes it after.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let path = "/tmp/zmq-tests-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Binds a socket on a free loopback TCP port and returns the resolved endpoint.
func bindLoopback(_ socket: ZMQSocket) throws -> String {
    try socket.bind("tcp://127.0.0.1:*")
    return try #require(socket.lastEndpoint)
}

/// UTF-8 bytes of a string, for readable frames in tests.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// A frame as a string, for readable assertions.
func text(_ frame: [UInt8]) -> String {
    String(decoding: frame, as: UTF8.self)
}

/// Makes a socket with a receive timeout, so every blocking receive in the tests is bounded.
func makeSocket(_ context: ZMQContext, _ type: ZMQSocketType, receiveTimeout: Int32 = 5_000) throws -> ZMQSocket {
    let socket = try context.makeSocket(type)
    try socket.setReceiveTimeout(milliseconds: receiveTimeout)
    try socket.setSendTimeout(milliseconds: receiveTimeout)
    return socket
}
