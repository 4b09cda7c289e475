import Foundation
import RencaiCore

/// The result of hashing (and maybe copying) one file.
public struct HashedFile: Sendable {
    public let bytes: Int64
    public let digests: [DigestAlgorithm: String]
}

/// Reads a file in fixed-size chunks (constant memory), feeding every digest from the same buffer
/// and optionally writing the same bytes to a copy: each byte is read once.
public enum StreamingHasher {
    /// 2 MiB: large enough to amortise system calls, small enough that two workers stay far below 100 MB.
    static let chunkSize = 2 << 20

    /// Hashes `source`; when `copyTo` is given, writes the bytes there too (the file must not exist).
    /// Refuses symlinks and anything that is not a regular file, so a bag never follows a link out of its folder.
    /// `splitDigests` runs the digests on two threads (for when there are fewer files than cores).
    /// With a `tracker`, the copy's last writes may still be running on return: call `tracker.wait()`
    /// before relying on the copy. Without one, the copy is complete on return.
    static func hash(_ source: URL, algorithms: [DigestAlgorithm], copyTo destination: URL? = nil,
                     splitDigests: Bool = false, tracker: CopyTracker?) throws -> HashedFile {
        let fd = open(source.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link, which rencai never follows" : String(cString: strerror(errno))
            throw InputError("\(source.path): cannot read: \(reason)", status: .noInput)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError("\(source.path): not a regular file", status: .noInput)
        }
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        let digest: ChunkDigest = splitDigests && algorithms.count > 1 ? try SplitDigest(algorithms) : try MultiDigest(algorithms)
        var total: Int64 = 0
        if let destination {
            let writer = try DirectCopyWriter(destination: destination, size: Int64(info.st_size), chunkSize: chunkSize)
            while true {
                let buffer = writer.acquire()
                let count: Int
                do { count = try readChunk(fd, into: buffer, path: source.path) }
                catch { BufferPool.shared.give(buffer); throw error }
                if count == 0 { writer.submit(buffer, count: 0); break }
                digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                writer.submit(buffer, count: count)
                total += Int64(count)
            }
            if let tracker {
                writer.finish(total: total, tracker: tracker)
            } else {
                let own = CopyTracker()
                writer.finish(total: total, tracker: own)
                try own.wait()
            }
        } else {
            let buffer = BufferPool.shared.take()
            defer { BufferPool.shared.give(buffer) }
            while true {
                let count = try readChunk(fd, into: buffer, path: source.path)
                if count == 0 { break }
                digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                total += Int64(count)
            }
        }
        return HashedFile(bytes: total, digests: digest.finish())
    }

    /// Hashes `source` and, when `copyTo` is given, copies it; the copy is complete on return.
    public static func hash(_ source: URL, algorithms: [DigestAlgorithm], copyTo destination: URL? = nil,
                            splitDigests: Bool = false) throws -> HashedFile {
        try hash(source, algorithms: algorithms, copyTo: destination, splitDigests: splitDigests, tracker: nil)
    }

    /// Fills the buffer as far as the file allows (short reads are retried), 0 at the end.
    private static func readChunk(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
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
