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
    /// 1 MiB: large enough to amortise system calls, small enough that two workers stay far below 100 MB.
    static let chunkSize = 1 << 20

    /// Hashes `source`; when `copyTo` is given, writes the bytes there too (the file must not exist).
    /// Refuses symlinks and anything that is not a regular file, so a bag never follows a link out of its folder.
    public static func hash(_ source: URL, algorithms: [DigestAlgorithm], copyTo destination: URL? = nil) throws -> HashedFile {
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
        var out: Int32 = -1
        if let destination {
            out = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard out >= 0 else {
                throw InputError("\(destination.path): cannot create: \(String(cString: strerror(errno)))", status: .cantCreate)
            }
        }
        defer { if out >= 0 { close(out) } }
        let digest = try MultiDigest(algorithms)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("\(source.path): read failed: \(String(cString: strerror(errno)))", status: .ioError)
            }
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            digest.update(chunk)
            if out >= 0 { try writeAll(out, chunk, path: destination!.path) }
            total += Int64(count)
        }
        return HashedFile(bytes: total, digests: digest.finish())
    }

    /// Hashes bytes already in memory (generated tag files and reports).
    public static func hash(_ data: Data, algorithms: [DigestAlgorithm]) throws -> [DigestAlgorithm: String] {
        let digest = try MultiDigest(algorithms)
        data.withUnsafeBytes { digest.update($0) }
        return digest.finish()
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw InputError("\(path): write failed: \(String(cString: strerror(errno)))", status: .ioError)
            }
            offset += written
        }
    }
}
