import Foundation
import RencaiCore

/// The result of hashing (and maybe copying) one file.
public struct HashedFile: Sendable {
    public let bytes: Int64
    public let digests: [DigestAlgorithm: String]
}

/// Reads a file in fixed-size windows of a memory mapping (constant memory), feeding every digest
/// from the same bytes and optionally queueing the same window for writing to a copy: each byte is
/// read once, and never copied into a buffer on the way (files that cannot be mapped are read).
public enum StreamingHasher {
    /// 2 MiB (for files read rather than mapped): large enough to amortise system calls, small enough
    /// that two workers stay far below 100 MB.
    static let chunkSize = 2 << 20

    /// Hashes `source`; when `copyTo` is given, writes the bytes there too (the file must not exist).
    /// Refuses symlinks and anything that is not a regular file, so a bag never follows a link out of its folder.
    /// `splitDigests` runs the digests on two threads (for when there are fewer files than cores).
    /// With an `engine`, the copy's last writes may still be queued on return: call `engine.drain()`
    /// before relying on the copy. Without one, the copy is complete on return.
    static func hash(_ source: URL, algorithms: [DigestAlgorithm], copyTo destination: URL? = nil,
                     splitDigests: Bool = false, engine: CopyEngine?) throws -> HashedFile {
        let fd = open(source.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link, which rencai never follows" : String(cString: strerror(errno))
            throw InputError("\(source.path): cannot read: \(reason)", status: .noInput)
        }
        defer { close(fd) }
        var before = stat()
        guard fstat(fd, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG else {
            throw InputError("\(source.path): not a regular file", status: .noInput)
        }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        let digest: ChunkDigest = splitDigests && algorithms.count > 1 ? try SplitDigest(algorithms) : try MultiDigest(algorithms)
        let size = Int64(before.st_size)
        let copier = destination == nil ? nil : (engine ?? CopyEngine())
        // A copier of our own is drained before it goes, even on failure, so that its queued windows
        // are unmapped and its files closed (runs after the `finish` below).
        defer { if engine == nil { _ = try? copier?.drain() } }
        let target = try destination.map { try copier!.create($0, size: size) }
        var total: Int64 = 0
        defer { if let target { copier!.finish(target, length: total) } }

        // Mapped windows up to the size the file had when opened ...
        while total < size {
            let length = Int(min(Int64(MappedWindow.size), size - total))
            guard let window = MappedWindow(fd: fd, offset: total, length: length) else { break }
            guard digest.update(window) else {
                window.unmap()
                throw InputError("\(source.path): the file shrank while it was being read; try again once nothing writes to it", status: .ioError)
            }
            if let target { try copier!.submit(window, to: target, at: total) } else { window.unmap() }
            total += Int64(length)
        }
        // ... then read() for the rest of a file that could not be mapped (a file that grew meanwhile is
        // refused below, so its new bytes need not be read).
        if total < size {
            let buffer = BufferPool.shared.take()
            defer { BufferPool.shared.give(buffer) }
            while true {
                let count = try readChunk(fd, at: total, into: buffer, path: source.path)
                if count == 0 { break }
                digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                if let target { try copier!.writeNow(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), to: target, at: total) }
                total += Int64(count)
            }
        }
        // The bytes hashed must be the bytes copied: refuse a file that changed while we read it.
        var after = stat()
        if fstat(fd, &after) == 0, after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
            || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
            throw InputError("\(source.path): the file changed while it was being read; try again once nothing writes to it", status: .ioError)
        }
        if engine == nil, let copier {
            if let target { copier.finish(target, length: total) }
            try copier.drain()
        }
        return HashedFile(bytes: total, digests: digest.finish())
    }

    /// Hashes `source` and, when `copyTo` is given, copies it; the copy is complete on return.
    public static func hash(_ source: URL, algorithms: [DigestAlgorithm], copyTo destination: URL? = nil,
                            splitDigests: Bool = false) throws -> HashedFile {
        try hash(source, algorithms: algorithms, copyTo: destination, splitDigests: splitDigests, engine: nil)
    }

    /// Fills the buffer as far as the file allows (short reads are retried), 0 at the end.
    private static func readChunk(_ fd: Int32, at offset: Int64, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = pread(fd, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + Int64(filled)))
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("\(path): read failed: \(String(cString: strerror(errno)))", status: .ioError)
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Hashes bytes already in memory (generated tag files and reports).
    public static func hash(_ data: Data, algorithms: [DigestAlgorithm]) throws -> [DigestAlgorithm: String] {
        let digest = try MultiDigest(algorithms)
        data.withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }
}
