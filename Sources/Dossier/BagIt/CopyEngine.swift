import CBagIO
import Foundation
import RencaiCore

/// Writes the copies of a bag's payload with direct I/O queued through Linux native AIO, shared by
/// the hashing threads of one bag.
///
/// Why: on a 2-core machine the copy must not compete with hashing for CPU. Buffered writes cost
/// about as much CPU as SHA-256 itself (page-cache allocation, write-back), while direct I/O hands the
/// mapped page-cache pages of the source to the disk by DMA. AIO queues those writes without a helper
/// thread (no wake-up per chunk, no thread taking a core from hashing), and a file's last writes
/// finish while the next file is hashed. Where AIO or direct I/O is unavailable, writes happen at once
/// on the caller's thread (slower, same result).
final class CopyEngine: @unchecked Sendable {
    /// Glibc's O_DIRECT is a macro Swift does not import; its value depends on the architecture.
    #if os(Linux) && arch(x86_64)
    static let directFlag: Int32 = 0o40000
    #elseif os(Linux) && arch(arm64)
    static let directFlag: Int32 = 0o200000
    #else
    static let directFlag: Int32 = 0
    #endif
    static let alignment = 4096
    /// Windows in flight at most (each up to 2 MiB of mapped page cache): bounds memory.
    static let depth = 16

    /// One file being copied.
    final class Target: @unchecked Sendable {
        let fd: Int32
        let path: String
        fileprivate(set) var direct: Bool
        fileprivate var pending = 0
        fileprivate var length: Int64?
        fileprivate var closed = false
        /// The length reserved when the file was created.
        fileprivate let reserved: Int64

        fileprivate init(fd: Int32, path: String, direct: Bool, reserved: Int64) {
            self.fd = fd
            self.path = path
            self.direct = direct
            self.reserved = reserved
        }
    }

    /// A queued write; its window is unmapped once the write is done.
    private struct Pending {
        let target: Target
        let window: MappedWindow
        let bytes: UnsafeRawBufferPointer
        let offset: Int64
        /// Whether the file was in direct mode when the write was queued (a refused direct write is
        /// retried through the page cache even if the file has switched since).
        let direct: Bool
    }

    private let lock = NSLock()
    private var context: UInt64 = 0
    private let asynchronous: Bool
    private var pending: [UInt64: Pending] = [:]
    private var nextTag: UInt64 = 0
    private var failure: Error?

    init() {
        #if os(Linux)
        var context: UInt64 = 0
        asynchronous = rencai_aio_setup(UInt32(CopyEngine.depth * 2), &context) == 0
        self.context = context
        #else
        asynchronous = false
        #endif
    }

    deinit {
        #if os(Linux)
        if asynchronous { _ = rencai_aio_destroy(context) }  // waits for anything still queued
        #endif
    }

    /// Creates `destination` (which must not exist) with room for `size` bytes.
    func create(_ destination: URL, size: Int64) throws -> Target {
        let path = destination.path
        // Created without O_DIRECT, which is then switched on if the file system takes it: opening with it
        // where it is refused (tmpfs before Linux 6.6, some FUSE mounts) fails after creating the file.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw InputError("\(path): cannot create: \(String(cString: strerror(errno)))", status: .cantCreate)
        }
        let direct = CopyEngine.directFlag != 0 && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | CopyEngine.directFlag) == 0
        // Reserving the whole file lets the file system allocate one extent, keeps direct writes inside
        // the file's length (so AIO really queues them), and fails early when the disk is full.
        var reserved: Int64 = 0
        if size > 0 {
            switch posix_fallocate(fd, 0, off_t(size)) {
            case 0: reserved = size
            case ENOSPC:
                close(fd)
                throw InputError("\(path): no space left on the device", status: .ioError)
            default: break  // not supported here: the writes allocate as they go
            }
        }
        return Target(fd: fd, path: path, direct: direct, reserved: reserved)
    }

    /// Queues a window for writing at `offset`; the engine unmaps it once written.
    func submit(_ window: MappedWindow, to target: Target, at offset: Int64) throws {
        do { try currentFailure() } catch { window.unmap(); throw error }
        let count = window.bytes.count
        guard isDirect(target), count % CopyEngine.alignment != 0 else {
            try queue(window.bytes, of: window, to: target, at: offset)
            return
        }
        // Direct I/O needs whole blocks. The file's last partial block is written through the page cache
        // instead: padding it and trimming the file afterwards would cost a truncate per file, which also
        // discards the freed block synchronously on file systems mounted with `discard`.
        // The tail is copied out first (once queued, the window may be unmapped by whichever thread
        // reaps the write), then the whole blocks are queued (a write takes the file's flags when it
        // is submitted), then the tail is written.
        let whole = count / CopyEngine.alignment * CopyEngine.alignment
        try withUnsafeTemporaryAllocation(byteCount: CopyEngine.alignment, alignment: 16) { tail in
            let tailCount = count - whole
            guard window.copy(from: whole, count: tailCount, to: tail.baseAddress!) else {
                window.unmap()
                throw InputError("\(target.path): the source file shrank while it was being copied; build the bag again", status: .ioError)
            }
            if whole > 0 {
                try queue(UnsafeRawBufferPointer(rebasing: window.bytes[0..<whole]), of: window, to: target, at: offset)
            } else {
                window.unmap()
            }
            try writeBuffered(UnsafeRawBufferPointer(rebasing: tail[0..<tailCount]), to: target, at: offset + Int64(whole))
        }
    }

    /// Writes `bytes` (aligned, from the buffer pool) at once.
    func writeNow(_ bytes: UnsafeRawBufferPointer, to target: Target, at offset: Int64) throws {
        try currentFailure()
        let whole = isDirect(target) ? bytes.count / CopyEngine.alignment * CopyEngine.alignment : bytes.count
        if whole > 0 { try write(UnsafeRawBufferPointer(rebasing: bytes[0..<whole]), to: target, at: offset) }
        if whole < bytes.count { try writeBuffered(UnsafeRawBufferPointer(rebasing: bytes[whole...]), to: target, at: offset + Int64(whole)) }
    }

    /// Switches the file to buffered writes (for its unaligned end) and writes `bytes` at once.
    private func writeBuffered(_ bytes: UnsafeRawBufferPointer, to target: Target, at offset: Int64) throws {
        makeBuffered(target)
        try write(bytes, to: target, at: offset)
    }

    /// Turns direct I/O off for the file (writes already queued keep it: the flag is read when a write
    /// is submitted). Under the lock: threads reaping this file's writes may do it too.
    private func makeBuffered(_ target: Target) {
        lock.lock(); defer { lock.unlock() }
        guard target.direct else { return }
        _ = fcntl(target.fd, F_SETFL, fcntl(target.fd, F_GETFL) & ~CopyEngine.directFlag)
        target.direct = false
    }

    private func isDirect(_ target: Target) -> Bool { lock.lock(); defer { lock.unlock() }; return target.direct }

    /// The file's length; it is closed (and trimmed, if it is shorter than reserved) once its queued writes are done.
    func finish(_ target: Target, length: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard !target.closed else { return }
        target.length = length
        if target.pending == 0 { closeLocked(target) }
    }

    /// Waits for every queued write; throws the first failure.
    func drain() throws {
        #if os(Linux)
        while asynchronous && inFlight > 0 && reap(waitingFor: 1) {}
        #endif
        try currentFailure()
    }

    // MARK: - Queue

    private var inFlight: Int { lock.lock(); defer { lock.unlock() }; return pending.count }

    private func queue(_ bytes: UnsafeRawBufferPointer, of window: MappedWindow, to target: Target, at offset: Int64) throws {
        // The window is the engine's from here: unmapped once written, or now if it is not queued.
        var queued = false
        defer { if !queued { window.unmap() } }
        #if os(Linux)
        if asynchronous {
            var reaping = reap(waitingFor: 0)
            while reaping && inFlight >= CopyEngine.depth { reaping = reap(waitingFor: 1) }
            try currentFailure()
            lock.lock()
            let tag = nextTag
            nextTag += 1
            pending[tag] = Pending(target: target, window: window, bytes: bytes, offset: offset, direct: target.direct)
            target.pending += 1
            lock.unlock()
            let status = rencai_aio_pwrite(context, target.fd, bytes.baseAddress, bytes.count, offset, tag)
            if status == 0 { queued = true; return }
            // Not queued (e.g. the AIO ring is full): write it here instead.
            lock.lock()
            pending[tag] = nil
            target.pending -= 1
            lock.unlock()
        }
        #endif
        try write(bytes, to: target, at: offset)
    }

    #if os(Linux)
    /// Handles finished writes; waits for at least `minimum` of them. False when waiting itself failed.
    private func reap(waitingFor minimum: Int) -> Bool {
        var tags = [UInt64](repeating: 0, count: 64)
        var results = [Int64](repeating: 0, count: 64)
        let count = rencai_aio_reap(context, minimum, 64, &tags, &results)
        if count < 0 {
            record(InputError("waiting for the bag's writes failed: \(String(cString: strerror(-count)))", status: .ioError))
            return false
        }
        for index in 0..<Int(count) {
            lock.lock()
            guard let done = pending.removeValue(forKey: tags[index]) else { lock.unlock(); continue }
            lock.unlock()
            let result = results[index]
            if result == -Int64(EINVAL) && done.direct {
                // The file system refuses this direct write after all: write it through the page cache.
                do { try writeBuffered(done.bytes, to: done.target, at: done.offset) } catch { record(error) }
            } else if result < 0 {
                let reason = result == -Int64(EFAULT) ? "the source file shrank while it was being copied; build the bag again"
                    : "write failed: \(String(cString: strerror(Int32(-result))))"
                record(InputError("\(done.target.path): \(reason)", status: .ioError))
            } else if Int(result) < done.bytes.count {
                // A short write: finish it here.
                let rest = UnsafeRawBufferPointer(rebasing: done.bytes[Int(result)...])
                do { try write(rest, to: done.target, at: done.offset + result) } catch { record(error) }
            }
            done.window.unmap()
            lock.lock()
            done.target.pending -= 1
            if done.target.pending == 0 && done.target.length != nil { closeLocked(done.target) }
            lock.unlock()
        }
        return true
    }
    #endif

    private func write(_ bytes: UnsafeRawBufferPointer, to target: Target, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let written = pwrite(target.fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + Int64(done)))
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EINVAL && isDirect(target) {
                    // The file system refuses direct I/O after all: go on through the page cache.
                    makeBuffered(target)
                    continue
                }
                let reason = errno == EFAULT ? "the source file shrank while it was being copied; build the bag again"
                    : "write failed: \(String(cString: strerror(errno)))"
                throw InputError("\(target.path): \(reason)", status: .ioError)
            }
            if written == 0 { throw InputError("\(target.path): write made no progress", status: .ioError) }
            done += written
        }
    }

    private func closeLocked(_ target: Target) {
        target.closed = true
        if let length = target.length, length != target.reserved, ftruncate(target.fd, off_t(length)) != 0 {
            failLocked(InputError("\(target.path): cannot set the file length: \(String(cString: strerror(errno)))", status: .ioError))
        }
        close(target.fd)
    }

    private func currentFailure() throws {
        lock.lock(); defer { lock.unlock() }
        if let failure { throw failure }
    }

    private func record(_ error: Error) { lock.lock(); failLocked(error); lock.unlock() }
    private func failLocked(_ error: Error) { if failure == nil { failure = error } }
}

