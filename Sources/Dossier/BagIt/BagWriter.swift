import Foundation
import RencaiCore

/// A file to put in a bag's payload: copied from disk, or generated in memory (reports).
public struct BagPayloadItem: Sendable {
    public enum Content: Sendable {
        case file(URL)
        case bytes(Data)
    }
    /// The path under `data/`, e.g. `E01-passport.pdf`.
    public let path: String
    public let content: Content

    public init(path: String, file: URL) { self.path = path; self.content = .file(file) }
    public init(path: String, bytes: Data) { self.path = path; self.content = .bytes(bytes) }
}

/// What a written bag holds.
public struct BagWriteSummary: Sendable {
    public let location: URL
    public let payloadFiles: Int
    public let payloadBytes: Int64
}

/// Writes a BagIt 1.0 bag (RFC 8493): `bagit.txt`, `data/`, `bag-info.txt` with Payload-Oxum,
/// one payload manifest and one tag manifest per algorithm.
///
/// The bag is assembled in a temporary folder beside the destination and renamed into place, so a
/// reader never sees half a bag; files are copied and hashed in the same pass on all cores.
///
/// ```swift
/// let writer = BagWriter(bagInfo: [("Source-Organization", "Example Ltd")])
/// try writer.write([BagPayloadItem(path: "E01-passport.pdf", file: passport)], to: URL(fileURLWithPath: "bag"))
/// ```
public struct BagWriter: Sendable {
    public var algorithms: [DigestAlgorithm]
    /// Extra `bag-info.txt` fields in order; Bagging-Date and Payload-Oxum are added.
    public var bagInfo: [(String, String)]
    public var workers: Int

    public init(algorithms: [DigestAlgorithm] = [.sha256, .sha512], bagInfo: [(String, String)] = [], workers: Int? = nil) {
        self.algorithms = algorithms
        self.bagInfo = bagInfo
        self.workers = workers ?? ParallelWork.workerCount
    }

    /// Writes the bag to `destination` (a folder, or a `.zip` when `zip` is true).
    /// Refuses to replace an existing destination unless `force`.
    @discardableResult
    public func write(_ payload: [BagPayloadItem], to destination: URL, zip: Bool = false, force: Bool = false,
                      baggingDate: Day = .today()) throws -> BagWriteSummary {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) && !force {
            throw InputError("\(destination.path) already exists: choose another --out or pass --force to replace it", status: .cantCreate)
        }
        try checkPayloadPaths(payload)
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw InputError("cannot create a folder in \(parent.path): check that it exists and is writable", status: .cantCreate)
        }
        defer { try? fm.removeItem(at: staging) }
        let bagName = zip ? (destination.deletingPathExtension().lastPathComponent) : destination.lastPathComponent
        let bag = staging.appendingPathComponent(bagName)
        let summary = try writeBag(payload, into: bag, baggingDate: baggingDate)

        var built = bag
        if zip {
            built = staging.appendingPathComponent("bag.zip")
            do { try fm.zipItem(at: bag, to: built, shouldKeepParent: true, compressionMethod: .deflate) }
            catch { throw InputError("cannot write the zip \(destination.path): \(error)", status: .ioError) }
        }
        try replace(destination, with: built, force: force)
        return BagWriteSummary(location: destination, payloadFiles: summary.files, payloadBytes: summary.bytes)
    }

    private func checkPayloadPaths(_ payload: [BagPayloadItem]) throws {
        var seen = Set<ExactPath>()
        for item in payload {
            if let reason = BagManifest.unsafeReason(item.path) {
                throw InputError("payload path '\(item.path)' \(reason)", status: .dataError)
            }
            if !seen.insert(ExactPath(item.path)).inserted {
                throw InputError("payload path '\(item.path)' is used twice", status: .dataError)
            }
        }
    }

    private func writeBag(_ payload: [BagPayloadItem], into bag: URL, baggingDate: Day) throws -> (files: Int, bytes: Int64) {
        let fm = FileManager.default
        let data = bag.appendingPathComponent("data")
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        let folders = Set(payload.compactMap { item -> String? in
            let parent = (item.path as NSString).deletingLastPathComponent
            return parent.isEmpty ? nil : parent
        })
        for folder in folders {
            try fm.createDirectory(at: data.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let algorithms = self.algorithms
        // Big files first so the two cores finish together (sizes looked up once each).
        let sizes = payload.map(size)
        let order = payload.indices.sorted { sizes[$0] > sizes[$1] }
        let totalSize = sizes.reduce(0, +)
        let workers = self.workers
        let engine = CopyEngine()  // a file's last writes overlap the next file's hashing
        // On failure, let the copies already queued finish before the staging folder is removed.
        defer { _ = try? engine.drain() }
        let jobs = order.map { (item: payload[$0], split: ParallelWork.splitsDigests(fileSize: sizes[$0], totalBytes: totalSize, files: payload.count, workers: workers)) }
        let hashed = try ParallelWork.map(jobs, workers: workers) { job -> (String, HashedFile) in
            let item = job.item
            let target = data.appendingPathComponent(item.path)
            switch item.content {
            case .file(let source):
                return (item.path, try StreamingHasher.hash(source, algorithms: algorithms, copyTo: target, splitDigests: job.split, engine: engine))
            case .bytes(let bytes):
                guard fm.createFile(atPath: target.path, contents: bytes) else {
                    throw InputError("cannot write \(target.path)", status: .ioError)
                }
                return (item.path, HashedFile(bytes: Int64(bytes.count), digests: try StreamingHasher.hash(bytes, algorithms: algorithms)))
            }
        }.sorted { ExactPath($0.0) < ExactPath($1.0) }
        try engine.drain()  // every copy is written before the manifests seal the bag

        let totalBytes = hashed.reduce(Int64(0)) { $0 + $1.1.bytes }
        var tagFiles: [(String, Data)] = []
        tagFiles.append(("bagit.txt", Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)))
        var info = bagInfo.filter { !["bagging-date", "payload-oxum"].contains($0.0.lowercased()) }
        info.append(("Bagging-Date", baggingDate.description))
        info.append(("Payload-Oxum", "\(totalBytes).\(hashed.count)"))
        let infoText = info.map { "\($0.0): \($0.1.replacingOccurrences(of: "\n", with: " "))\n" }.joined()
        tagFiles.append(("bag-info.txt", Data(infoText.utf8)))
        for algorithm in algorithms {
            let lines = hashed.map { "\($0.1.digests[algorithm] ?? "")  data/\(BagManifest.percentEncoded($0.0))\n" }.joined()
            tagFiles.append(("manifest-\(algorithm.name).txt", Data(lines.utf8)))
        }
        for (name, contents) in tagFiles {
            guard fm.createFile(atPath: bag.appendingPathComponent(name).path, contents: contents) else {
                throw InputError("cannot write \(name) in \(bag.path)", status: .ioError)
            }
        }
        for algorithm in algorithms {
            var lines = ""
            for (name, contents) in tagFiles {
                let digest = try StreamingHasher.hash(contents, algorithms: [algorithm])[algorithm] ?? ""
                lines += "\(digest)  \(name)\n"
            }
            guard fm.createFile(atPath: bag.appendingPathComponent("tagmanifest-\(algorithm.name).txt").path, contents: Data(lines.utf8)) else {
                throw InputError("cannot write tagmanifest-\(algorithm.name).txt", status: .ioError)
            }
        }
        return (hashed.count, totalBytes)
    }

    private func size(_ item: BagPayloadItem) -> Int64 {
        switch item.content {
        case .bytes(let data): Int64(data.count)
        // stat, not FileManager.attributesOfItem, which also looks up the owner's and group's names
        // (opening /etc/passwd and /etc/group on every call).
        case .file(let url): { var info = stat(); return stat(url.path, &info) == 0 ? Int64(info.st_size) : 0 }()
        }
    }

    /// Renames the finished bag into place; with `force`, the old one is moved aside first and
    /// removed only once the new one is in place.
    private func replace(_ destination: URL, with built: URL, force: Bool) throws {
        let fm = FileManager.default
        var aside: URL?
        if fm.fileExists(atPath: destination.path) {
            guard force else { throw InputError("\(destination.path) already exists: pass --force to replace it", status: .cantCreate) }
            let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
            guard rename(destination.path, old.path) == 0 else {
                throw InputError("cannot move the old \(destination.path) aside: \(String(cString: strerror(errno)))", status: .cantCreate)
            }
            aside = old
        }
        guard rename(built.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let aside { _ = rename(aside.path, destination.path) }
            throw InputError("cannot move the bag to \(destination.path): \(reason)", status: .cantCreate)
        }
        if let aside { try? fm.removeItem(at: aside) }
    }
}
