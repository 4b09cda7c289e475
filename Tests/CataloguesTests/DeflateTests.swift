import Foundation
import Testing
import ZIPFoundation
@testable import Catalogues
import RencaiCore

@Suite("Stored responses")
struct DeflateTests {
    /// Half text, half noise: both compressible and incompressible stretches.
    static func sample(_ size: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        let text = Array(String(repeating: "<tr><td>2-02-10-03</td><td>软件工程技术人员</td></tr>\n", count: size / 100 + 1).utf8.prefix(size / 2))
        let noise = (0..<(size - text.count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(text + noise)
    }

    @Test("responses compress (zstd) and decompress back byte for byte", arguments: [0, 1, 100, 70_000, 300_000])
    func roundTrip(size: Int) throws {
        let data = Self.sample(size)
        let packed = try StoredCompression.compress(data)
        #expect(packed.starts(with: StoredCompression.zstdMagic))
        #expect(try StoredCompression.decompress(packed) == data)
        if size >= 70_000 { #expect(packed.count < data.count) }
    }

    @Test("raw deflate, as revisions were stored before, still reads through the same call", arguments: [0, 1, 100, 70_000])
    func readsDeflate(size: Int) throws {
        let data = Self.sample(size)
        let packed = try Deflate.compress(data)
        #expect(try Deflate.decompress(packed) == data)
        #expect(try StoredCompression.decompress(packed) == data)
    }

    @Test("responses stored by earlier versions (ZIPFoundation, default level) inflate the same")
    func readsOldDeflate() throws {
        let page = try FixturePaths.data("sh-urgent-need/catalogue.html")
        var old = Data()
        _ = try Data.compress(size: Int64(page.count), bufferSize: 4096, provider: { position, size in
            page.subdata(in: Int(position)..<min(page.count, Int(position) + size))
        }, consumer: { old.append($0) })
        #expect(try StoredCompression.decompress(old) == page)
        #expect(try StoredCompression.decompress(Deflate.compress(page, level: 6)) == page)
    }

    @Test("a cut or damaged stored response is an error, not a shorter page")
    func damagedDeflate() throws {
        let packed = try Deflate.compress(Data(String(repeating: "目录 catalogue ", count: 5000).utf8))
        #expect(throws: Deflate.Failure.self) { try Deflate.decompress(packed.prefix(packed.count / 2)) }
        #expect(throws: Deflate.Failure.self) { try Deflate.decompress(Data([0xFF, 0xFF, 0xFF, 0xFF])) }
        let zstd = try StoredCompression.compress(Data(String(repeating: "目录 catalogue ", count: 5000).utf8))
        #expect(throws: StoredCompression.Failure.self) { try StoredCompression.decompress(zstd.prefix(zstd.count / 2)) }
        var flipped = zstd
        flipped[flipped.count / 2] ^= 0xFF
        #expect(throws: (any Error).self) { try StoredCompression.decompress(flipped) }
        // A size stored beside the data that it cannot hold is refused, not allocated.
        try zstd.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: StoredCompression.Failure.self) { try StoredCompression.decompress(raw, count: Int.max / 2) }
            #expect(throws: StoredCompression.Failure.self) { try StoredCompression.decompress(raw, count: 10) }
        }
        let deflated = try Deflate.compress(Data(repeating: 0x41, count: 1000))
        try deflated.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Void in
            #expect(throws: Deflate.Failure.self) { try StoredCompression.decompress(raw, count: Int.max / 2) }
            #expect(throws: Deflate.Failure.self) { try StoredCompression.decompress(raw, count: 999) }
            #expect(try StoredCompression.decompress(raw, count: 1000) == [UInt8](repeating: 0x41, count: 1000))
        }
    }
}

