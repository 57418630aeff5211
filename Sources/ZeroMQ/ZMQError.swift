import CZeroMQ

/// A failed libzmq call, with the `errno` it left and the operation that was attempted.
///
/// The wrapper throws this instead of trapping, so malformed input (a bad endpoint, an
/// invalid option value, a closed socket) never takes the process down.
public struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The error number (`zmq_errno()`), either a POSIX `errno` or one of libzmq's own
    /// (`ETERM`, `EFSM`, `EMTHREAD`, ...).
    public let code: Int32
    /// What was being done, e.g. `bind("tcp://nowhere")`, so logs say more than a number.
    public let operation: String

    /// Creates an error from an explicit code, for checks the wrapper makes itself.
    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// A readable sentence: the operation, libzmq's text for the code, and the code.
    public var description: String {
        "\(operation) failed: \(Self.message(for: code)) (errno \(code))"
    }

    /// libzmq's text for `code` (`zmq_strerror` knows system and libzmq codes alike).
    public static func message(for code: Int32) -> String {
        guard let text = zmq_strerror(code) else { return "unknown error" }
        return String(cString: text)
    }

    /// Captures `zmq_errno()` right after a failed call; it must be read before any
    /// other libc call can overwrite it, hence a factory taken at the failure site.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation)
    }

    /// Whether the context was shut down or terminated: nothing will work again on it.
    public var isContextTerminated: Bool { code == ETERM }

    /// libzmq's own error numbers (beyond POSIX `errno`), so callers can compare ``code``
    /// without importing the C module.
    public enum Code {
        /// `ETERM`: the context was shut down or terminated.
        public static let contextTerminated: Int32 = ETERM
        /// `EFSM`: the operation is not allowed in the socket's current state (e.g. a REQ
        /// socket sending twice without receiving the reply).
        public static let wrongState: Int32 = EFSM
        /// `EMTHREAD`: no I/O thread is available.
        public static let noIOThread: Int32 = EMTHREAD
    }
}
