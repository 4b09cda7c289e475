import Dossier
import Foundation
import RencaiCore
import Testing
import ZIPFoundation

@Suite("BagIt writer and validator")
struct BagWriterTests {
    /// Three evidence files, one larger than a hashing chunk and one with a '%' in its name.
    func evidence() throws -> (URL, [BagPayloadItem]) {
        let dir = try TestSupport.scratch("ev")
        var big = Data(count: 5 * 1024 * 1024 + 123)
        for i in stride(from: 0, to: big.count, by: 4099) { big[i] = UInt8(i % 251) }
        try big.write(to: dir.appendingPathComponent("big.bin"))
        try TestSupport.write("passport of a fictitious person\n", dir.appendingPathComponent("passport.pdf"))
        try TestSupport.write("50% translation\n", dir.appendingPathComponent("odd%name.txt"))
        let items = [BagPayloadItem(path: "E01-passport.pdf", file: dir.appendingPathComponent("passport.pdf")),
                     BagPayloadItem(path: "E02-big.bin", file: dir.appendingPathComponent("big.bin")),
                     BagPayloadItem(path: "sub/odd%name.txt", file: dir.appendingPathComponent("odd%name.txt")),
                     BagPayloadItem(path: "index.md", bytes: Data("# index\n".utf8))]
        return (dir, items)
    }

    func writeBag(zip: Bool = false) throws -> URL {
        let (dir, items) = try evidence()
        let out = dir.appendingPathComponent(zip ? "bag.zip" : "bag")
        try BagWriter(bagInfo: [("Source-Organization", "Test Ltd")]).write(items, to: out, zip: zip)
        return out
    }

    @Test func writtenBagIsValidWithBothManifests() throws {
        let bag = try writeBag()
        let report = try BagValidator().validate(bag)
        #expect(report.isValid, "\(report.problems)")
        #expect(report.warnings.isEmpty)
        #expect(report.algorithms == ["sha256", "sha512"])
        #expect(report.payloadFiles == 4)
        let manifest = try String(contentsOf: bag.appendingPathComponent("manifest-sha256.txt"), encoding: .utf8)
        #expect(manifest.contains("data/sub/odd%25name.txt"))
        let info = try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        #expect(info.contains("Payload-Oxum: \(report.payloadBytes).4"))
        #expect(info.contains("Source-Organization: Test Ltd"))
        // The checksum matches an independent computation (openssl dgst).
        let openssl = try TestSupport.run("/usr/bin/openssl", ["dgst", "-sha512", bag.appendingPathComponent("data/E02-big.bin").path])
        let digest = openssl.output.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        let manifest512 = try String(contentsOf: bag.appendingPathComponent("manifest-sha512.txt"), encoding: .utf8)
        #expect(manifest512.contains("\(digest)  data/E02-big.bin"))
    }

    /// bagit.py 1.9.0 does not decode `%25` (RFC 8493 §2.1.3 requires it), so this bag has no '%' in its
    /// names; dossier exhibits never do (they are renamed `E01-kind.ext`).
    /// One file and more workers than files: each digest runs on its own thread; the result must not change.
    @Test func splitDigestsMatchOpenSSL() throws {
        let (dir, items) = try evidence()
        let bag = dir.appendingPathComponent("single")
        try BagWriter(workers: 4).write([items[1]], to: bag)
        let report = try BagValidator(workers: 4).validate(bag)
        #expect(report.isValid, "\(report.problems)")
        for algorithm in ["sha256", "sha512"] {
            let openssl = try TestSupport.run("/usr/bin/openssl", ["dgst", "-\(algorithm)", dir.appendingPathComponent("big.bin").path])
            let digest = openssl.output.split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
            let manifest = try String(contentsOf: bag.appendingPathComponent("manifest-\(algorithm).txt"), encoding: .utf8)
            #expect(manifest == "\(digest)  data/E02-big.bin\n")
        }
    }

    @Test(.enabled(if: TestSupport.hasBagitPython, "PyPI bagit not installed: run the tests with `make test` (it installs bagit in .build/pytools) or set RENCAI_TEST_PYTHON"))
    func bagitPyAcceptsOurBag() throws {
        let (dir, items) = try evidence()
        let bag = dir.appendingPathComponent("bag")
        try BagWriter(bagInfo: [("Source-Organization", "Test Ltd")]).write(items.filter { !$0.path.contains("%") }, to: bag)
        let result = try TestSupport.bagitPyValidate(bag)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func oneChangedByteIsReportedWithTheFile() throws {
        let bag = try writeBag()
        let file = bag.appendingPathComponent("data/E02-big.bin")
        var data = try Data(contentsOf: file)
        data[4_000_000] ^= 0x01
        try data.write(to: file)
        let report = try BagValidator().validate(bag)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.file == "data/E02-big.bin" && $0.message.contains("sha256") })
        #expect(report.problems.contains { $0.file == "data/E02-big.bin" && $0.message.contains("sha512") })
    }

    @Test func addedFileIsReported() throws {
        let bag = try writeBag()
        try TestSupport.write("extra", bag.appendingPathComponent("data/extra.txt"))
        let report = try BagValidator().validate(bag)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.file == "data/extra.txt" })
    }

    @Test func removedFileIsReported() throws {
        let bag = try writeBag()
        try FileManager.default.removeItem(at: bag.appendingPathComponent("data/E01-passport.pdf"))
        let report = try BagValidator().validate(bag)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.file == "data/E01-passport.pdf" && $0.message.contains("missing") })
    }

    @Test func symlinkInPayloadIsInvalid() throws {
        let bag = try writeBag()
        try FileManager.default.createSymbolicLink(atPath: bag.appendingPathComponent("data/link").path, withDestinationPath: "/etc/hostname")
        let report = try BagValidator().validate(bag)
        #expect(report.problems.contains { $0.file == "data/link" && $0.message.contains("symbolic link") })
    }

    @Test func payloadFolderAsSymlinkIsNotFollowed() throws {
        let bag = try writeBag()
        let data = bag.appendingPathComponent("data")
        try FileManager.default.moveItem(at: data, to: bag.deletingLastPathComponent().appendingPathComponent("elsewhere"))
        try FileManager.default.createSymbolicLink(atPath: data.path, withDestinationPath: "../elsewhere")
        let report = try BagValidator().validate(bag)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.file == "data/" && $0.message.contains("symbolic link") })
    }

    @Test func zipRoundTrip() throws {
        let zip = try writeBag(zip: true)
        let report = try BagZip.validate(zip)
        #expect(report.isValid, "\(report.problems)")
        #expect(report.payloadFiles == 4)
    }

    @Test func refusesToOverwriteUnlessForced() throws {
        let (dir, items) = try evidence()
        let out = dir.appendingPathComponent("bag")
        try BagWriter().write(items, to: out)
        #expect(throws: InputError.self) { try BagWriter().write(items, to: out) }
        try BagWriter().write(Array(items.prefix(1)), to: out, force: true)
        #expect(try BagValidator().validate(out).payloadFiles == 1)
        // No staging folders are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".bag") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToFollowASymlinkedSource() throws {
        let dir = try TestSupport.scratch("ln")
        let link = dir.appendingPathComponent("passport.pdf")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/hostname")
        #expect(throws: InputError.self) {
            try BagWriter().write([BagPayloadItem(path: "E01.pdf", file: link)], to: dir.appendingPathComponent("bag"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bag").path))
    }

    @Test("unsafe payload paths are refused", arguments: ["../escape.pdf", "/etc/passwd", "a/../../b", "~/x"])
    func unsafePayloadPath(_ path: String) throws {
        let dir = try TestSupport.scratch("unsafe")
        #expect(throws: InputError.self) {
            try BagWriter().write([BagPayloadItem(path: path, bytes: Data("x".utf8))], to: dir.appendingPathComponent("bag"))
        }
    }

    @Test("manifest paths outside the payload are invalid", arguments: ["../../../etc/passwd", "/tmp/foo", "~/foo", "data/../../x"])
    func manifestEscapes(_ path: String) throws {
        let bag = try writeBag()
        let manifest = bag.appendingPathComponent("manifest-sha256.txt")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text += String(repeating: "0", count: 64) + "  " + path + "\n"
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let report = try BagValidator().validate(bag)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.file == "manifest-sha256.txt" && $0.message.contains(path) })
    }
}

@Suite("Zipped bags")
struct ZippedBagTests {
    @Test func zipEntriesClimbingOutAreRefusedAndNotExtracted() throws {
        let dir = try TestSupport.scratch("zipslip")
        let (_, items) = try BagWriterTests().evidence()
        let zip = dir.appendingPathComponent("bag.zip")
        try BagWriter().write(items, to: zip, zip: true)
        let archive = try Archive(url: zip, accessMode: .update)
        let payload = Data("escaped".utf8)
        try archive.addEntry(with: "../escaped-\(UUID().uuidString).txt", type: .file, uncompressedSize: Int64(payload.count)) { position, size in
            payload.subdata(in: Int(position)..<Int(position) + size)
        }
        let report = try BagZip.validate(zip)
        #expect(!report.isValid)
        #expect(report.problems.contains { ($0.file ?? "").hasPrefix("../escaped-") && $0.message.contains("..") })
    }
}
