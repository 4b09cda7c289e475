import Foundation
import ZIPFoundation

/// Raw-deflate compression of stored responses (ZIPFoundation's zlib binding), so that a revision keeps
/// the exact bytes the portal served at a fraction of their size.
enum Deflate {
    static func compress(_ data: Data) throws -> Data {
        var out = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 64 * 1024, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })
        return out
    }

    static func decompress(_ data: Data) throws -> Data {
        var out = Data()
        _ = try Data.decompress(size: Int64(data.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })
        return out
    }
}
