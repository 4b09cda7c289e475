import COpenSSL
import Dispatch
import RencaiCore

/// Something that digests a file chunk by chunk.
protocol ChunkDigest {
    func update(_ bytes: UnsafeRawBufferPointer)
    /// Digests a mapped window; false when the file shrank under the mapping (the digest is then garbage).
    func update(_ window: MappedWindow) -> Bool
    func finish() -> [DigestAlgorithm: String]
}

/// Several digests fed from one pass over the bytes, so a file is read once whatever the
/// number of manifests. Not thread-safe: one thread at a time (``SplitDigest`` hands it over with a barrier).
final class MultiDigest: ChunkDigest, @unchecked Sendable {
    private var contexts: [(DigestAlgorithm, OpaquePointer)] = []
    private var pointers: [OpaquePointer?] = []

    init(_ algorithms: [DigestAlgorithm]) throws {
        for algorithm in algorithms {
            guard let ctx = EVP_MD_CTX_new(), EVP_DigestInit_ex(ctx, algorithm.evp, nil) == 1 else {
                throw InputError("OpenSSL could not start a \(algorithm.name) digest", status: .software)
            }
            contexts.append((algorithm, ctx))
        }
        pointers = contexts.map { $0.1 }
    }

    deinit { for (_, ctx) in contexts { EVP_MD_CTX_free(ctx) } }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        for (_, ctx) in contexts { EVP_DigestUpdate(ctx, base, bytes.count) }
    }

    func update(_ window: MappedWindow) -> Bool { window.digest(into: pointers) }

    /// Lower-case hex digests by algorithm.
    func finish() -> [DigestAlgorithm: String] {
        var result: [DigestAlgorithm: String] = [:]
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        for (algorithm, ctx) in contexts {
            var length: UInt32 = 0
            EVP_DigestFinal_ex(ctx, &out, &length)
            result[algorithm] = MultiDigest.hex(out.prefix(Int(length)))
        }
        return result
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var chars: [UInt8] = []
        for byte in bytes { chars.append(digits[Int(byte >> 4)]); chars.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: chars, as: UTF8.self)
    }
}


/// The same chunk digested on two threads at once: the last (slowest, SHA-512) algorithm on a helper
/// thread, the others on the caller's. Used when there are fewer files than cores, so that even a single
/// large file keeps both cores busy. `update` returns only when both halves are done with the chunk.
final class SplitDigest: ChunkDigest {
    private let local: MultiDigest
    private let remote: MultiDigest
    private let queue = DispatchQueue(label: "rencai.bag.digest")

    init(_ algorithms: [DigestAlgorithm]) throws {
        local = try MultiDigest(Array(algorithms.dropLast()))
        remote = try MultiDigest([algorithms.last!])
    }

    private struct Chunk: @unchecked Sendable { let bytes: UnsafeRawBufferPointer }
    private final class Outcome: @unchecked Sendable { var ok = true }

    func update(_ bytes: UnsafeRawBufferPointer) {
        let group = DispatchGroup()
        let chunk = Chunk(bytes: bytes)
        let remote = self.remote
        queue.async(group: group) { remote.update(chunk.bytes) }
        local.update(bytes)
        group.wait()
    }

    func update(_ window: MappedWindow) -> Bool {
        let group = DispatchGroup()
        let remote = self.remote
        let outcome = Outcome()
        queue.async(group: group) { outcome.ok = remote.update(window) }
        let ok = local.update(window)
        group.wait()
        return ok && outcome.ok
    }

    func finish() -> [DigestAlgorithm: String] {
        local.finish().merging(remote.finish()) { a, _ in a }
    }
}
