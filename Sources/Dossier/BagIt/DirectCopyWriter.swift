import Dispatch
import Foundation
import RencaiCore

/// Writes a copy of a file on a background thread while the caller reads and hashes the next chunk
/// (double buffering), with `directFlag` where the file system supports it.
///
/// Why: on a 2-core machine the copy must not compete with hashing for CPU. Buffered writes cost
/// about as much CPU as SHA-256 itself (page-cache allocation), while `directFlag` hands the buffer
/// to the disk by DMA, so the copy runs alongside the hashing almost for free.
final class DirectCopyWriter: @unchecked Sendable {
    /// Glibc's O_DIRECT is a macro Swift does not import; its value depends on the architecture.
    #if os(Linux) && arch(x86_64)
    static let directFlag: Int32 = 0o40000
    #elseif os(Linux) && arch(arm64)
    static let directFlag: Int32 = 0o200000
    #else
    static let directFlag: Int32 = 0
    #endif
    private var directFlag: Int32 { DirectCopyWriter.directFlag }

    static let alignment = 4096
    private let fd: Int32
    private let path: String
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var failure: Error?
    private var direct: Bool
    let chunkSize: Int

    /// Creates `destination` (which must not exist) with room for `size` bytes.
    init(destination: URL, size: Int64, chunkSize: Int) throws {
        path = destination.path
        self.chunkSize = chunkSize
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | DirectCopyWriter.directFlag, 0o644)
        direct = fd >= 0 && DirectCopyWriter.directFlag != 0
        if fd < 0 && errno == EINVAL {
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw InputError("\(path): cannot create: \(String(cString: strerror(errno)))", status: .cantCreate)
        }
        self.fd = fd
        // Reserving the whole file lets the file system allocate one extent; it also fails early when the disk is full.
        if size > 0, posix_fallocate(fd, 0, off_t(size)) == ENOSPC {
            close(fd)
            throw InputError("\(path): no space left on the device", status: .ioError)
        }
        queue = DispatchQueue(label: "rencai.bag.copy")
    }

    deinit { close(fd) }

    /// A buffer to read the next chunk into (from the shared, capped pool).
    func acquire() -> UnsafeMutableRawBufferPointer { BufferPool.shared.take() }

    /// Queues `count` bytes of `buffer` for writing, in order; the buffer goes back to the pool once written.
    func submit(_ buffer: UnsafeMutableRawBufferPointer, count: Int) {
        let chunk = Chunk(buffer: buffer)
        queue.async { [self] in
            defer { BufferPool.shared.give(chunk.buffer) }
            if currentFailure != nil || count == 0 { return }
            do { try writeChunk(chunk.buffer, count: count) } catch { record(error) }
        }
    }

    /// Trims the file to its exact length once the queued writes are done, without waiting for them:
    /// `tracker` learns when it is done and of any failure.
    func finish(total: Int64, tracker: CopyTracker) {
        tracker.group.enter()
        queue.async { [self] in
            defer { tracker.group.leave() }
            if let failure = currentFailure { tracker.record(failure); return }
            if ftruncate(fd, off_t(total)) != 0 {
                tracker.record(InputError("\(path): cannot set the file length: \(String(cString: strerror(errno)))", status: .ioError))
            }
        }
    }

    /// A buffer handed to the writer thread; one owner at a time.
    private struct Chunk: @unchecked Sendable { let buffer: UnsafeMutableRawBufferPointer }

    /// Waits for the queued writes and trims the file to its exact length.
    func finish(total: Int64) throws {
        queue.sync {}
        if let failure = currentFailure { throw failure }
        guard ftruncate(fd, off_t(total)) == 0 else {
            throw InputError("\(path): cannot set the file length: \(String(cString: strerror(errno)))", status: .ioError)
        }
    }

    private var currentFailure: Error? { lock.lock(); defer { lock.unlock() }; return failure }
    private func record(_ error: Error) { lock.lock(); if failure == nil { failure = error }; lock.unlock() }

    private func writeChunk(_ buffer: UnsafeMutableRawBufferPointer, count: Int) throws {
        var length = count
        if direct && count % DirectCopyWriter.alignment != 0 {
            // directFlag needs whole blocks: pad the last chunk with zeros; finish() truncates them away.
            length = (count + DirectCopyWriter.alignment - 1) / DirectCopyWriter.alignment * DirectCopyWriter.alignment
            (buffer.baseAddress! + count).initializeMemory(as: UInt8.self, repeating: 0, count: length - count)
        }
        var offset = 0
        while offset < length {
            let written = write(fd, buffer.baseAddress! + offset, length - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EINVAL && direct {
                    // This file system refuses direct I/O after all: go on buffered.
                    direct = false
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~directFlag)
                    length = count
                    continue
                }
                throw InputError("\(path): write failed: \(String(cString: strerror(errno)))", status: .ioError)
            }
            offset += written
        }
    }
}
