import Foundation
import Testing
@testable import RencaiCore

@Suite("Atomic file output")
struct AtomicFileTests {
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("a streamed file replaces the old one only on commit; an abort leaves the old content and no stray file")
    func streamCommitAndAbort() throws {
        let dir = try folder()
        let url = dir.appendingPathComponent("out.csv")
        try Data("old\n".utf8).write(to: url)

        let aborted = try AtomicFile.Stream(url: url)
        try aborted.write(Data("half".utf8))
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        aborted.abort()
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])

        let committed = try AtomicFile.Stream(url: url)
        try committed.write(Data("a,".utf8))
        try committed.write(Data("b\n".utf8))
        try committed.commit()
        #expect(try String(contentsOf: url, encoding: .utf8) == "a,b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test("a folder that does not exist is a cannot-create error naming it")
    func missingFolder() {
        #expect(performing: { try AtomicFile.Stream(url: URL(fileURLWithPath: "/nonexistent-rencai/out.csv")) },
                throws: { ($0 as? InputError)?.exitStatus == .cantCreate && "\($0)".contains("/nonexistent-rencai") })
    }
}
