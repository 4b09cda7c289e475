import COpenSSL
import RencaiCore

/// Several digests fed from one pass over the bytes, so a file is read once whatever the
/// number of manifests. Not thread-safe: one instance per file being hashed.
final class MultiDigest {
    private var contexts: [(DigestAlgorithm, OpaquePointer)] = []

    init(_ algorithms: [DigestAlgorithm]) throws {
        for algorithm in algorithms {
            guard let ctx = EVP_MD_CTX_new(), EVP_DigestInit_ex(ctx, algorithm.evp, nil) == 1 else {
                throw InputError("OpenSSL could not start a \(algorithm.name) digest", status: .software)
            }
            contexts.append((algorithm, ctx))
        }
    }

    deinit { for (_, ctx) in contexts { EVP_MD_CTX_free(ctx) } }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        for (_, ctx) in contexts { EVP_DigestUpdate(ctx, base, bytes.count) }
    }

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
