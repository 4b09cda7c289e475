import Foundation

/// Reuses the aligned chunk buffers between files. Large allocations come straight from mmap, so a
/// fresh buffer per file would fault in and zero every page again: for 200 files that is more CPU
/// than copying them. Buffers beyond `keep` are freed, so memory stays bounded.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool(size: StreamingHasher.chunkSize, keep: 8)

    let size: Int
    private let keep: Int
    private let lock = NSLock()
    private var free: [UnsafeMutableRawBufferPointer] = []

    init(size: Int, keep: Int) {
        self.size = size
        self.keep = keep
    }

    func take() -> UnsafeMutableRawBufferPointer {
        lock.lock()
        if let buffer = free.popLast() { lock.unlock(); return buffer }
        lock.unlock()
        return UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: DirectCopyWriter.alignment)
    }

    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock()
        if free.count < keep { free.append(buffer); lock.unlock(); return }
        lock.unlock()
        buffer.deallocate()
    }
}
