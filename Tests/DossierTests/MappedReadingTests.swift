@testable import Dossier
import Foundation
import RencaiCore
import Testing

/// Evidence is hashed from memory-mapped windows and copied with queued direct I/O; these pin down
/// the edges of that path: block and window boundaries, and a file that shrinks under the mapping.
@Suite("Mapped reading and queued copies")
struct MappedReadingTests {
    /// Bytes that differ at every position, so a misplaced or missing block changes the result.
    func pattern(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
    }

    @Test("copy equals the source and digests match OpenSSL at block and window edges",
          arguments: [0, 1, 4095, 4096, 4097, MappedWindow.size - 1, MappedWindow.size, MappedWindow.size + 1, 2 * MappedWindow.size + 4096 + 7])
    func copyAndDigestAtEdges(size: Int) throws {
        let dir = try TestSupport.scratch("edges")
        let source = dir.appendingPathComponent("source.bin")
        let copy = dir.appendingPathComponent("copy.bin")
        let bytes = pattern(size)
        try bytes.write(to: source)
        let hashed = try StreamingHasher.hash(source, algorithms: [.sha256, .sha512], copyTo: copy)
        #expect(hashed.bytes == Int64(size))
        #expect(try Data(contentsOf: copy) == bytes)
        for algorithm in [DigestAlgorithm.sha256, .sha512] {
            let openssl = try TestSupport.run("/usr/bin/openssl", ["dgst", "-\(algorithm.name)", source.path])
            let expected = openssl.output.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(hashed.digests[algorithm] == expected, "\(algorithm.name) of \(size) bytes")
        }
    }

    /// Touching a mapped page past the new end of a truncated file raises SIGBUS; the guard turns it
    /// into a failure the caller reports, and the process goes on.
    @Test func fileTruncatedUnderTheMappingFailsWithoutCrashing() throws {
        let dir = try TestSupport.scratch("shrink")
        let source = dir.appendingPathComponent("shrinking.bin")
        try pattern(MappedWindow.size).write(to: source)
        let fd = open(source.path, O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        let window = try #require(MappedWindow(fd: fd, offset: 0, length: MappedWindow.size))
        defer { window.unmap() }
        #expect(ftruncate(fd, 0) == 0)
        let digest = try MultiDigest([.sha256, .sha512])
        #expect(digest.update(window) == false)
        var scratch = [UInt8](repeating: 0, count: 16)
        #expect(window.copy(from: 4096, count: 16, to: &scratch) == false)
        // The guard is disarmed again: a healthy window still digests.
        let refill = pattern(8192)
        #expect(refill.withUnsafeBytes { pwrite(fd, $0.baseAddress, 8192, 0) } == 8192)
        let healthy = try #require(MappedWindow(fd: fd, offset: 0, length: 8192))
        defer { healthy.unmap() }
        #expect(try MultiDigest([.sha256]).update(healthy))
    }
}
