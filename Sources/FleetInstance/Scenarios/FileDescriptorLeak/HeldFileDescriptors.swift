#if canImport(Glibc)
import Glibc
#endif

/// Descriptors opened on purpose by the fd leak and held until `closeAll()`.
///
/// Only the scenario's own task touches it, one step at a time.
final class HeldFileDescriptors: @unchecked Sendable {
    private var descriptors: [Int32] = []

    var count: Int { descriptors.count }

    /// Opens `path` read-only `count` times (each open is its own descriptor); returns how many
    /// opened. Close-on-exec, so nothing the instance might spawn inherits them.
    @discardableResult
    func open(_ path: String, count: Int) -> Int {
        var opened = 0
        for _ in 0..<max(0, count) {
            let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { break }
            descriptors.append(descriptor)
            opened += 1
        }
        return opened
    }

    func closeAll() {
        for descriptor in descriptors { close(descriptor) }
        descriptors.removeAll()
    }

    deinit { closeAll() }
}
