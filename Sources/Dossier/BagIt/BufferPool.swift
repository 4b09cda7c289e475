import Dispatch
import Foundation

/// The aligned chunk buffers for files that are read rather than mapped, with a hard cap.
///
/// Why: large allocations come straight from mmap, so a fresh buffer per file would fault in and
/// zero every page again (for 200 files, more CPU than copying them); and the cap bounds memory
/// whatever the number and size of files: when every buffer is in use, readers wait
/// for one to come back instead of allocating more.
final class BufferPool: @unchecked Sendable {
    /// 12 × 2 MiB = 24 MiB at most.
    static let shared = BufferPool(size: StreamingHasher.chunkSize, cap: 12)

    let size: Int
    private let available: DispatchSemaphore
    private let lock = NSLock()
    private var free: [UnsafeMutableRawBufferPointer] = []

    init(size: Int, cap: Int) {
        self.size = size
        available = DispatchSemaphore(value: cap)
    }

    /// A buffer; blocks while all `cap` buffers are in use.
    func take() -> UnsafeMutableRawBufferPointer {
        available.wait()
        lock.lock()
        if let buffer = free.popLast() { lock.unlock(); return buffer }
        lock.unlock()
        return UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: CopyEngine.alignment)
    }

    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock()
        free.append(buffer)
        lock.unlock()
        available.signal()
    }
}
