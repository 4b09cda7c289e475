import CBagIO
import COpenSSL
import Foundation

/// A read-only window of a file mapped into memory, so that its bytes are hashed (and written to a
/// copy with direct I/O) straight from the page cache instead of being copied into a buffer by `read()`.
///
/// Touching a mapped page past the end of a file that shrank meanwhile raises SIGBUS. Every access
/// this module makes to a window goes through ``digest(into:)`` or ``copy(to:)``, which catch that
/// signal (see `bagio.h`) and report failure instead of crashing; the kernel reports such pages to
/// a direct-I/O write as EFAULT, not as a signal. This is the only file that calls the guard.
struct MappedWindow: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// 2 MiB: one direct-I/O write per window; few enough windows in flight to stay far below 100 MB.
    static let size = 2 << 20

    /// Maps `length` bytes of `fd` from `offset` (a multiple of the page size), or nil when the file
    /// system cannot map files (the caller then reads them).
    init?(fd: Int32, offset: Int64, length: Int) {
        #if os(Linux)
        let flags = MAP_SHARED | MAP_POPULATE
        #else
        let flags = MAP_SHARED
        #endif
        guard length > 0, let base = mmap(nil, length, PROT_READ, flags, fd, off_t(offset)), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: length)
    }

    func unmap() {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Feeds the window to every context; false when the file shrank under the mapping.
    func digest(into contexts: [OpaquePointer?]) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return contexts.withUnsafeBufferPointer { list in
            rencai_guarded_update(list.baseAddress, Int32(list.count), base, bytes.count) == 0
        }
    }

    /// Copies `count` bytes from `offset` in the window; false when the file shrank under the mapping.
    func copy(from offset: Int, count: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        guard let base = bytes.baseAddress else { return count == 0 }
        return rencai_guarded_copy(destination, base + offset, count) == 0
    }
}
