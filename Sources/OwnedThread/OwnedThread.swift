#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain OS thread (pthread): the one kind of thread the project owns, for work that blocks
/// or must not wait for the cooperative pool (a ZeroMQ loop in `zmq_poll`, the spawner whose
/// children's parent-death signal follows the spawning thread).
///
/// pthread directly, not Foundation's `Thread`, because it can be joined (a loop's `stop()`
/// waits for it) and ZeroMQ's module needs no Foundation.
public struct OwnedThread: @unchecked Sendable {
    private let thread: pthread_t

    /// The closure handed through `pthread_create`'s `void *` argument.
    private final class Body {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// `pthread_create` failed with `code` (e.g. `EAGAIN`: no more threads).
    public struct SpawnError: Error {
        public let code: Int32
    }

    /// Starts a thread named `name` (truncated to the 15 bytes Linux allows) running `run`.
    public static func spawn(name: String, run: @escaping @Sendable () -> Void) throws(SpawnError) -> OwnedThread {
        let body = Unmanaged.passRetained(Body(name: name, run: run)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let rc = pthread_create(&thread, nil, { raw in
            OwnedThread.enter(raw)
            return nil
        }, body)
        #else
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            OwnedThread.enter(raw!)
            return nil
        }, body)
        #endif
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            throw SpawnError(code: rc)
        }
        #if canImport(Darwin)
        return OwnedThread(thread: thread!)
        #else
        return OwnedThread(thread: thread)
        #endif
    }

    private static func enter(_ raw: UnsafeMutableRawPointer) {
        let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
        // Named threads make `top -H`, gdb and crash logs readable.
        let shortName = String(decoding: Array(body.name.utf8.prefix(15)), as: UTF8.self)
        #if canImport(Darwin)
        _ = pthread_setname_np(shortName)
        #else
        setLinuxThreadName(shortName)
        #endif
        body.run()
    }

    #if !canImport(Darwin)
    /// glibc declares `pthread_setname_np` only under `_GNU_SOURCE`, which Swift's Glibc
    /// module does not define, so it is looked up at run time; naming is best effort.
    private static func setLinuxThreadName(_ name: String) {
        typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "pthread_setname_np") else { return }
        let setName = unsafeBitCast(symbol, to: SetName.self)
        _ = name.withCString { setName(pthread_self(), $0) }
    }
    #endif

    /// Whether the calling thread is this thread (joining itself would deadlock).
    public var isCurrent: Bool {
        pthread_equal(thread, pthread_self()) != 0
    }

    /// Waits for the thread to end; call only once it is known to be finishing.
    public func join() {
        _ = pthread_join(thread, nil)
    }

    /// Lets the thread release its resources by itself when it ends.
    public func detach() {
        _ = pthread_detach(thread)
    }
}
