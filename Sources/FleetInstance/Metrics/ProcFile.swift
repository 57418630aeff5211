#if canImport(Glibc)
import Glibc
#endif

/// A small procfs file read with one `read(2)`, and the few ways the sampler parses it.
///
/// Every Prometheus scrape of every instance reads `/proc/self/stat` and `/proc/self/status`:
/// with 200 instances scraped every 5 s that is 80 readings a second on two cores. Foundation's
/// `String(contentsOfFile:)` plus `split` spent three quarters of the sampler's time in `stat`
/// calls, copies, UTF-8 validation and substrings (perf, bench/README.md); here the bytes are
/// parsed where they were read.
struct ProcFile {
    /// The file's bytes (procfs files are generated on read and never larger than `capacity` here).
    let bytes: [UInt8]

    /// A file's bytes as read elsewhere (tests).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads `path`; nil when it cannot be opened or read.
    init?(_ path: String, capacity: Int = 4096) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var count = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            // procfs answers a small file in one read; loop anyway, bounded by the buffer.
            while count < capacity {
                let got = read(descriptor, buffer.baseAddress! + count, capacity - count)
                if got <= 0 { break }
                count += got
            }
            initialized = count
        }
        guard count > 0 else { return nil }
        self.bytes = bytes
    }

    /// The space-separated fields of `/proc/<pid>/stat` after `(comm)` (which may itself contain
    /// spaces and parentheses): field 3 of proc(5), the state, is element 0.
    func statFields() -> [ArraySlice<UInt8>] {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return [] }
        return bytes[(close + 1)...].split(separator: UInt8(ascii: " ")).map { $0 }
    }

    /// The number after `prefix` at the start of a line, spaces and tabs skipped:
    /// `value(after: "VmSwap:")` of `/proc/self/status`, `value(after: "btime ")` of `/proc/stat`.
    func value(after prefix: String) -> Int64? {
        let needle = Array(prefix.utf8)
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: needle) {
                let rest = line.dropFirst(needle.count).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                return Self.integer(rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// A non-negative decimal integer, nil when `digits` is empty or not all digits.
    static func integer(_ digits: some Collection<UInt8>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// How many entries a directory has, `.` and `..` aside (for `/proc/self/fd`: the open
    /// descriptors, the one used to list them included, as every exporter counts them).
    static func entryCount(of path: String) -> Int? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDotOrDotDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDotOrDotDot { count += 1 }
        }
        return count
    }
}
