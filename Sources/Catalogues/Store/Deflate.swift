import CDeflate
import Foundation

/// Raw deflate (zlib, no header, no checksum): how stored responses were compressed before
/// ``StoredCompression`` (level 6 through ZIPFoundation at first, then level 1). Revisions stored so still
/// decompress through here; `compress` remains to write such revisions in tests.
enum Deflate {
    /// The level revisions were last written at (any level inflates the same way).
    static let level: Int32 = 1

    enum Failure: Error, CustomStringConvertible {
        case zlib(String, Int32)
        var description: String {
            switch self { case .zlib(let step, let code): return "zlib \(step) failed (\(code))" }
        }
    }

    static func compress(_ data: Data, level: Int32 = Deflate.level) throws -> Data {
        var stream = z_stream()
        guard rc_deflate_init_raw(&stream, level) == Z_OK else { throw Failure.zlib("deflateInit", Z_STREAM_ERROR) }
        defer { deflateEnd(&stream) }
        // One call with a buffer deflateBound says is enough: no chunking, no intermediate copies.
        var out = Data(count: Int(deflateBound(&stream, UInt(data.count))))
        let result: Int32 = data.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(output.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw Failure.zlib("deflate", result) }
        out.count = Int(stream.total_out)
        return out
    }

    /// Inflates a stream whose inflated size is known (stored beside it), as rows of format version 2
    /// were first written: one call into a buffer of that size. More or fewer bytes, bytes after the
    /// stream's end, or a size deflate could not reach from this input (over 1,032 to 1) are errors.
    static func decompress(_ input: UnsafeRawBufferPointer, count: Int) throws -> [UInt8] {
        guard count >= 0, count <= max(1, input.count) * 1032 else { throw Failure.zlib("inflate (a stored size of \(count) bytes)", Z_DATA_ERROR) }
        var stream = z_stream()
        guard rc_inflate_init_raw(&stream) == Z_OK else { throw Failure.zlib("inflateInit", Z_STREAM_ERROR) }
        defer { inflateEnd(&stream) }
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(count)
            let result = inflate(&stream, Z_FINISH)
            initialized = count - Int(stream.avail_out)
            guard result == Z_STREAM_END else { throw Failure.zlib("inflate", result) }
            guard initialized == count, stream.avail_in == 0 else {
                throw Failure.zlib("inflate (\(initialized) bytes of \(count), \(stream.avail_in) bytes left over)", result)
            }
        }
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
