import CZstd
import Foundation

/// How a revision's raw response and parsed rows are compressed in the store: a Zstandard frame at level 1.
///
/// `bench-watch --stages` on its 134 KiB catalogue page (best of five batches, two runs): Zstandard level 1
/// takes 0.09 ms to 5.4 KiB; zlib's raw deflate at level 1, which revisions were written with before,
/// 0.16–0.17 ms to 9.9 KiB. Every revision of every source pays it, twice (the page and its rows).
/// Revisions written before keep their raw deflate: ``decompress(_:)`` tells the two apart by Zstandard's
/// frame magic, which a raw deflate stream can never start with (its first block would be a stored
/// block whose length and complement disagree).
enum StoredCompression {
    static let level: Int32 = 1
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The largest size a stored frame may claim.
    static let maxStoredSize = 1 << 30

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func compress(_ data: Data) throws -> Data {
        try data.withUnsafeBytes { try compress($0) }
    }

    static func compress(_ input: UnsafeRawBufferPointer) throws -> Data {
        let bound = ZSTD_compressBound(input.count)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bound, 1), alignment: 16)
        defer { output.deallocate() }
        guard let context = ZSTD_createCCtx() else { throw Failure(description: "zstd: no memory for a compression context") }
        defer { ZSTD_freeCCtx(context) }
        // With the frame's checksum, a damaged stored copy fails to decompress instead of reading back wrong.
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        _ = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        let written = ZSTD_compress2(context, output.baseAddress, bound, input.baseAddress, input.count)
        guard ZSTD_isError(written) == 0 else { throw Failure(description: "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))") }
        return Data(UnsafeRawBufferPointer(rebasing: output[0..<written]))
    }

    /// A Zstandard frame, or (from stores written before it) a raw deflate stream.
    static func decompress(_ data: Data) throws -> Data {
        guard data.starts(with: zstdMagic) else { return try Deflate.decompress(data) }
        return try data.withUnsafeBytes { raw in
            let size = ZSTD_getFrameContentSize(raw.baseAddress, raw.count)
            guard rc_zstd_size_known(size) == 1, let count = Int(exactly: size), count <= maxStoredSize else {
                throw Failure(description: "zstd frame without a readable size")
            }
            return Data(try decompress(raw, count: count))
        }
    }

    /// A Zstandard frame (or, from stores written before it, a raw deflate stream) that must hold exactly
    /// `count` bytes. A count the data cannot hold (a damaged length or header) is refused before anything
    /// is allocated for it.
    static func decompress(_ input: UnsafeRawBufferPointer, count: Int) throws -> [UInt8] {
        guard count >= 0 else { throw Failure(description: "a negative stored size") }
        guard input.starts(with: zstdMagic) else { return try Deflate.decompress(input, count: count) }
        // The frame's own header must say the same size (the checksum covers the content, not the header),
        // and no stored page or rows come near a GiB (a fetched body is capped far lower).
        guard count <= maxStoredSize, ZSTD_getFrameContentSize(input.baseAddress, input.count) == UInt64(count) else {
            throw Failure(description: "zstd: the frame does not hold the \(count) bytes stored beside it")
        }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let n = ZSTD_decompress(buffer.baseAddress, count, input.baseAddress, input.count)
            guard ZSTD_isError(n) == 0 else { throw Failure(description: "zstd: \(String(cString: ZSTD_getErrorName(n)))") }
            guard n == count else { throw Failure(description: "zstd: \(n) bytes where \(count) were stored") }
            initialized = n
        }
    }
}

/// For `bench-watch --stages`: what each compressor makes of a page (compressed size in bytes).
@_spi(Benchmarks)
public enum CompressionTiming {
    public static func zstd(_ data: Data) throws -> Int { try StoredCompression.compress(data).count }
    public static func deflate(_ data: Data) throws -> Int { try Deflate.compress(data).count }
    /// The stored form of a catalogue's rows (encoded, compressed): its size.
    public static func storedRows(_ catalogue: Catalogue) throws -> Int { try StoredCatalogue.encode(catalogue).count }
    /// The rows encoded, not compressed: their size.
    public static func encodedRows(_ catalogue: Catalogue) -> Int { StoredCatalogue.encodeBody(catalogue).count }
}
