import Foundation
import ZIPFoundation

/// Raw-deflate compression of stored responses (ZIPFoundation's zlib binding), so that a revision keeps
/// the exact bytes the portal served at a fraction of their size.
enum Deflate {
    static func compress(_ data: Data) throws -> Data {
        var out = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            chunk(data, position, size)
        }, consumer: { out.append($0) })
        return out
    }

    /// ZIPFoundation asks for whole buffers; the last one is cut at the end of the data.
    private static func chunk(_ data: Data, _ position: Int64, _ size: Int) -> Data {
        let start = data.startIndex + Int(position)
        let end = min(start + size, data.endIndex)
        return start < end ? data.subdata(in: start..<end) : Data()
    }

    static func decompress(_ data: Data) throws -> Data {
        var out = Data()
        _ = try Data.decompress(size: Int64(data.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
            chunk(data, position, size)
        }, consumer: { out.append($0) })
        return out
    }
}
