import CDeflate
import Foundation

/// Raw-deflate compression of stored responses (zlib, no header, no checksum), so that a revision keeps
/// the exact bytes the portal served at a fraction of their size.
///
/// Level 1: on bench-watch's 134 KiB catalogue page it deflated about 3 times faster than zlib's default
/// level 6, to 9.8 KiB instead of 7.7 KiB, and every revision of every source pays it. Any level decompresses the
/// same way, so revisions written at level 6 (before this change, through ZIPFoundation) read back as before.
enum Deflate {
    /// zlib's compression level for stored responses.
    static let level: Int32 = 1

    enum Failure: Error, CustomStringConvertible {
        case zlib(String, Int32)
        var description: String {
            switch self { case .zlib(let step, let code): return "zlib \(step) failed (\(code))" }
        }
    }

    static func compress(_ data: Data, level: Int32 = Deflate.level) throws -> Data {
        try data.withUnsafeBytes { try compress($0, level: level) }
    }

    static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = Deflate.level) throws -> Data {
        var stream = z_stream()
        guard rc_deflate_init_raw(&stream, level) == Z_OK else { throw Failure.zlib("deflateInit", Z_STREAM_ERROR) }
        defer { deflateEnd(&stream) }
        // One call with a buffer deflateBound says is enough: no chunking. The buffer is not zeroed first
        // (that cost as much as a tenth of the deflate on a 134 KiB page); only what zlib wrote is copied out.
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: bound, alignment: 16)
        defer { output.deallocate() }
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
        stream.avail_out = uInt(bound)
        let result = deflate(&stream, Z_FINISH)
        guard result == Z_STREAM_END else { throw Failure.zlib("deflate", result) }
        return Data(UnsafeRawBufferPointer(rebasing: output[0..<Int(stream.total_out)]))
    }

    /// Inflates a stream whose inflated size is known (stored beside it): one call into a buffer of that
    /// size. A stream that inflates to more or fewer bytes, or has bytes after its end, is an error.
    static func decompress(_ input: UnsafeRawBufferPointer, count: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard rc_inflate_init_raw(&stream) == Z_OK else { throw Failure.zlib("inflateInit", Z_STREAM_ERROR) }
        defer { inflateEnd(&stream) }
        var result: Int32 = Z_OK
        let out = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(count)
            result = inflate(&stream, Z_FINISH)
            initialized = count - Int(stream.avail_out)
            guard result == Z_STREAM_END else { throw Failure.zlib("inflate", result) }
            guard initialized == count, stream.avail_in == 0 else {
                throw Failure.zlib("inflate (\(initialized) bytes of \(count), \(stream.avail_in) bytes left over)", result)
            }
        }
        return out
    }

    static func decompress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard rc_inflate_init_raw(&stream) == Z_OK else { throw Failure.zlib("inflateInit", Z_STREAM_ERROR) }
        defer { inflateEnd(&stream) }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: max(64 * 1024, data.count * 4))
        var result: Int32 = Z_OK
        try data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { output in
                    stream.next_out = output.baseAddress
                    stream.avail_out = uInt(output.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    return output.count - Int(stream.avail_out)
                }
                // A cut stream ends in Z_BUF_ERROR (no progress possible), a damaged one in Z_DATA_ERROR.
                guard result == Z_OK || result == Z_STREAM_END else { throw Failure.zlib("inflate", result) }
                out.append(contentsOf: chunk[0..<produced])
            } while result != Z_STREAM_END
        }
        return out
    }
}
