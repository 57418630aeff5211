#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a `pthread_mutex_t`.
///
/// Used instead of `Synchronization.Mutex` because, on Linux, that one locks with futexes
/// inside the standard library where ThreadSanitizer cannot see them, so every access it
/// guards is reported as a race. A pthread mutex is understood by TSan, which keeps
/// `--sanitize=thread` runs of this module (and of its users) meaningful.
final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // Cannot fail with default attributes on Linux or Darwin.
        _ = pthread_mutex_init(mutex, nil)
    }

    deinit {
        _ = pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access. Keep it short and never call out to user code
    /// inside (callbacks could re-enter and deadlock).
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        _ = pthread_mutex_lock(mutex)
        defer { _ = pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
