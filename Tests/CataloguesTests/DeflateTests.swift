import Foundation
import Testing
import ZIPFoundation
@testable import Catalogues
import RencaiCore

@Suite("Stored responses")
struct DeflateTests {
    @Test("responses deflate and inflate back byte for byte", arguments: [0, 1, 100, 70_000, 300_000])
    func deflateRoundTrip(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        // Half text, half noise: both compressible and incompressible stretches.
        let text = Array(String(repeating: "<tr><td>2-02-10-03</td><td>软件工程技术人员</td></tr>\n", count: size / 100 + 1).utf8.prefix(size / 2))
        let noise = (0..<(size - text.count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let data = Data(text + noise)
        let packed = try Deflate.compress(data)
        #expect(try Deflate.decompress(packed) == data)
        if size >= 70_000 { #expect(packed.count < data.count) }
    }

    @Test("responses stored by earlier versions (ZIPFoundation, default level) inflate the same")
    func readsOldDeflate() throws {
        let page = try FixturePaths.data("sh-urgent-need/catalogue.html")
        var old = Data()
        _ = try Data.compress(size: Int64(page.count), bufferSize: 4096, provider: { position, size in
            page.subdata(in: Int(position)..<min(page.count, Int(position) + size))
        }, consumer: { old.append($0) })
        #expect(try Deflate.decompress(old) == page)
        #expect(try Deflate.decompress(Deflate.compress(page, level: 6)) == page)
    }

    @Test("a cut or damaged stored response is an error, not a shorter page")
    func damagedDeflate() throws {
        let packed = try Deflate.compress(Data(String(repeating: "目录 catalogue ", count: 5000).utf8))
        #expect(throws: Deflate.Failure.self) { try Deflate.decompress(packed.prefix(packed.count / 2)) }
        #expect(throws: Deflate.Failure.self) { try Deflate.decompress(Data([0xFF, 0xFF, 0xFF, 0xFF])) }
    }
}

