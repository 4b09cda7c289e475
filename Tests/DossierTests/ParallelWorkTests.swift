@testable import Dossier
import Testing

@Suite("Sharing the hashing between cores")
struct ParallelWorkTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let fileMiB: Int64, totalMiB: Int64, files: Int, workers: Int, split: Bool
        var testDescription: String { "\(fileMiB) of \(totalMiB) MiB, \(files) files, \(workers) workers" }
    }

    @Test("a file's digests run on two threads only when it would otherwise hold a core alone", arguments: [
        Case(fileMiB: 1024, totalMiB: 1024, files: 1, workers: 2, split: true),    // fewer files than cores
        Case(fileMiB: 960, totalMiB: 1024, files: 2, workers: 2, split: true),     // one file is most of the work
        Case(fileMiB: 64, totalMiB: 1024, files: 2, workers: 2, split: false),     // its small companion
        Case(fileMiB: 257, totalMiB: 1024, files: 4, workers: 2, split: true),     // just over half a worker's share
        Case(fileMiB: 256, totalMiB: 1024, files: 4, workers: 2, split: false),    // exactly half: no
        Case(fileMiB: 10, totalMiB: 1024, files: 200, workers: 2, split: false),   // many files balance themselves
        Case(fileMiB: 1024, totalMiB: 1024, files: 1, workers: 1, split: false),   // one core: nothing to share
    ])
    func splitRule(_ c: Case) {
        #expect(ParallelWork.splitsDigests(fileSize: c.fileMiB << 20, totalBytes: c.totalMiB << 20, files: c.files, workers: c.workers) == c.split)
    }
}
