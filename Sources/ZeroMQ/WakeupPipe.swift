#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking pipe that lets any thread wake a thread sleeping in `zmq_poll`.
///
/// The read end is polled next to the ZeroMQ sockets; a byte written to the other end
/// makes the poll return at once. A pipe (rather than Linux's eventfd) keeps the module
/// portable, and it is only ever written once per batch of messages (see ``Outbox``).
final class WakeupPipe: Sendable {
    /// Polled by the loop thread.
    let readDescriptor: Int32
    /// Written by any thread.
    private let writeDescriptor: Int32

    init() throws {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw ZMQError(code: errno, operation: "pipe() for the event loop wakeup")
        }
        for descriptor in descriptors {
            // Non-blocking on both ends: a wake must never stall a sender, and draining must
            // never stall the loop. Close-on-exec: instance processes are spawned by this
            // process and must not inherit the pipe.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        _ = close(readDescriptor)
        _ = close(writeDescriptor)
    }

    /// Makes the next (or current) poll on ``readDescriptor`` return.
    func wake() {
        var byte: UInt8 = 1
        // A full pipe (EAGAIN) already guarantees a wakeup, so the result can be ignored.
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe so it stops polling readable.
    func drain() {
        var buffer = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let size = MemoryLayout.size(ofValue: buffer)
        while withUnsafeMutableBytes(of: &buffer, { read(readDescriptor, $0.baseAddress, size) }) > 0 {}
    }
}
