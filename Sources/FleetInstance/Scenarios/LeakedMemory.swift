#if canImport(Glibc)
import Glibc
#endif

/// Memory held on purpose by the leak scenario, mapped straight from the kernel.
///
/// `mmap`/`munmap` rather than `malloc`: glibc raises its mmap threshold after the first large
/// free and would then keep later chunks on its heap, so stopping the leak would not reliably
/// give the memory back to the OS. With our own mappings, RSS falls the moment we unmap.
final class LeakedMemory: @unchecked Sendable {
    // Only touched by the scenario's own task, one step at a time.
    private var chunks: [(address: UnsafeMutableRawPointer, length: Int)] = []
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    var count: Int { chunks.count }

    /// Maps `length` bytes and writes to every page so they are really resident.
    @discardableResult
    func allocateAndTouch(length: Int) -> Bool {
        guard length > 0 else { return false }
        guard let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              address != MAP_FAILED
        else { return false }
        // A non-zero byte per page: a zero write to a fresh anonymous page could be served by
        // the shared zero page on some kernels; 0xA5 forces a private, resident page.
        var offset = 0
        while offset < length {
            address.storeBytes(of: 0xA5, toByteOffset: offset, as: UInt8.self)
            offset += pageSize
        }
        chunks.append((address, length))
        return true
    }

    /// Unmaps every chunk; RSS drops at once.
    func release() {
        for chunk in chunks { munmap(chunk.address, chunk.length) }
        chunks.removeAll()
    }

    deinit { release() }
}
