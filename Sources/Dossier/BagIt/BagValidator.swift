import Foundation
import RencaiCore

/// Validates a BagIt bag on disk per RFC 8493 (and the 0.93–0.97 drafts): structure, completeness
/// and every checksum, reporting every problem with the file it concerns.
///
/// Payload files are hashed on all cores, each read once for all of the bag's manifests.
///
/// ```swift
/// let report = try BagValidator().validate(URL(fileURLWithPath: "bag"))
/// print(report.isValid ? "valid" : report.problems.map(\.description).joined(separator: "\n"))
/// ```
public struct BagValidator: Sendable {
    /// How many files to hash at once (all cores by default).
    public var workers: Int

    /// `workers` defaults to the number of cores.
    public init(workers: Int? = nil) { self.workers = workers ?? ParallelWork.workerCount }

    /// Validates the bag whose top folder is `bag`.
    public func validate(_ bag: URL) throws -> BagValidationReport {
        var report = BagValidationReport()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bag.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("\(bag.path): no such bag folder", status: .noInput)
        }
        guard let bagitData = readTagFile(bag, "bagit.txt", report: &report) else {
            if !FileManager.default.fileExists(atPath: bag.appendingPathComponent("bagit.txt").path) {
                report.problem("bagit.txt", "is missing: this folder is not a bag")
            }
            return report
        }
        guard let declaration = BagTagFiles.declaration(bagitData, into: &report) else { return report }
        let encoding = declaration.encoding
        let strictDuplicates = declaration.major >= 1

        var dataInfo = stat()
        guard lstat(bag.appendingPathComponent("data").path, &dataInfo) == 0 else {
            report.problem("data/", "the payload folder is missing")
            return report
        }
        guard (dataInfo.st_mode & S_IFMT) == S_IFDIR else {
            report.problem("data/", (dataInfo.st_mode & S_IFMT) == S_IFLNK
                ? "is a symbolic link; rencai never follows links out of a bag" : "is not a folder")
            return report
        }

        // Tag files at the top level.
        let topNames = (try? FileManager.default.contentsOfDirectory(atPath: bag.path)) ?? []
        let payloadManifests = manifests(topNames, prefix: "manifest-", report: &report)
        let tagManifests = manifests(topNames, prefix: "tagmanifest-", report: &report)
        if payloadManifests.isEmpty { report.problem(nil, "no payload manifest (manifest-<algorithm>.txt) was found") }
        report.algorithms = payloadManifests.map(\.algorithm.name)

        // bag-info.txt (optional) and its Payload-Oxum.
        var oxum: (bytes: Int64, count: Int)?
        if topNames.contains("bag-info.txt"), let data = readTagFile(bag, "bag-info.txt", report: &report) {
            if let text = BagTagFiles.text(data, encoding: encoding) {
                let pairs = BagTagFiles.metadata(text, file: "bag-info.txt", into: &report)
                if let value = pairs.first(where: { $0.0.caseInsensitiveCompare("Payload-Oxum") == .orderedSame })?.1 {
                    let parts = value.split(separator: ".")
                    if parts.count == 2, let bytes = Int64(parts[0]), let count = Int(parts[1]) { oxum = (bytes, count) }
                    else { report.problem("bag-info.txt", "Payload-Oxum '\(value)' is not 'bytes.count'") }
                }
            } else {
                report.problem("bag-info.txt", "cannot be decoded as \(encoding)")
            }
        }

        // fetch.txt: files that may legitimately be absent until fetched, but only inside data/.
        var toFetch = Set<ExactPath>()
        if topNames.contains("fetch.txt"), let data = readTagFile(bag, "fetch.txt", report: &report),
           let text = BagTagFiles.text(data, encoding: encoding) {
            for (index, line) in BagTagFiles.splitLines(text).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let fields = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count == 3, fields[1] == "-" || Int64(fields[1]) != nil else {
                    report.problem("fetch.txt", "line \(index + 1) is not 'URL LENGTH PATH'")
                    continue
                }
                let path = BagManifest.percentDecoded(String(fields[2]))
                if let reason = BagManifest.unsafeReason(path) {
                    report.problem("fetch.txt", "line \(index + 1): path '\(path)' \(reason)")
                } else if !path.hasPrefix("data/") {
                    report.problem("fetch.txt", "line \(index + 1): path '\(path)' is outside the payload folder data/")
                } else {
                    toFetch.insert(ExactPath(path))
                }
            }
        }

        // Payload on disk.
        let onDisk = BagFileWalker.files(under: bag.appendingPathComponent("data"), prefix: "data", into: &report)
        var diskByPath: [ExactPath: WalkedFile] = [:]
        for file in onDisk { diskByPath[ExactPath(file.path)] = file }
        report.payloadFiles = onDisk.count
        report.payloadBytes = onDisk.reduce(0) { $0 + $1.size }
        for file in onDisk where BagFileWalker.isSystemFile(file.path) {
            report.warning(file.path, "is an operating-system file that copy tools may add or drop")
        }

        // Payload manifests: parse, check duplicates and completeness both ways.
        var expected: [ExactPath: [(DigestAlgorithm, String, String)]] = [:]  // path → (algorithm, checksum, manifest)
        var toleratedMissing = 0
        for manifest in payloadManifests {
            guard let data = readTagFile(bag, manifest.file, report: &report) else { continue }
            guard let text = BagTagFiles.text(data, encoding: encoding) else {
                report.problem(manifest.file, "cannot be decoded as \(encoding)")
                continue
            }
            let entries = BagManifest.parse(text, file: manifest.file, algorithm: manifest.algorithm, payload: true, into: &report)
            var seen: [ExactPath: String] = [:]
            var listed = Set<ExactPath>()
            for entry in entries {
                let key = ExactPath(entry.path)
                if let previous = seen[key] {
                    if previous != entry.checksum {
                        report.problem(manifest.file, "'\(entry.path)' is listed twice with different checksums")
                    } else if strictDuplicates {
                        report.problem(manifest.file, "'\(entry.path)' is listed twice (RFC 8493 allows each file once)")
                    } else {
                        report.warning(manifest.file, "'\(entry.path)' is listed twice with the same checksum")
                    }
                    continue
                }
                seen[key] = entry.checksum
                listed.insert(key)
                if diskByPath[key] != nil {
                    expected[key, default: []].append((manifest.algorithm, entry.checksum, manifest.file))
                } else if toFetch.contains(key) {
                    report.problem(entry.path, "is listed in fetch.txt but has not been fetched: the bag is not complete")
                } else if let twin = twin(of: entry.path, among: onDisk, listed: seen) {
                    report.warning(entry.path, "is not on disk, but '\(twin)' is, which differs only in \(twinKind(entry.path, twin)); the bag only works on file systems that treat them as one")
                    toleratedMissing += 1
                } else if BagFileWalker.isSystemFile(entry.path) {
                    report.warning(entry.path, "is listed in \(manifest.file) but absent; operating-system files are often dropped when copying")
                    toleratedMissing += 1
                } else {
                    report.problem(entry.path, "is listed in \(manifest.file) but missing from the bag")
                }
            }
            for file in onDisk where !listed.contains(ExactPath(file.path)) {
                report.problem(file.path, "is in the payload but not listed in \(manifest.file) (file added?)")
            }
        }
        if payloadManifests.count > 1 { toleratedMissing /= payloadManifests.count }

        if let oxum, oxum.bytes != report.payloadBytes || oxum.count != report.payloadFiles {
            let explained = oxum.count - report.payloadFiles == toleratedMissing && toleratedMissing > 0
            let text = "Payload-Oxum says \(oxum.bytes).\(oxum.count) but the payload holds \(report.payloadBytes).\(report.payloadFiles)"
            if explained { report.warning("bag-info.txt", text + " (the absent files warned about above)") }
            else { report.problem("bag-info.txt", text) }
        }

        // Tag manifests: every listed tag file must exist and match.
        var tagExpected: [(String, DigestAlgorithm, String, String)] = []
        for manifest in tagManifests {
            guard let data = readTagFile(bag, manifest.file, report: &report),
                  let text = BagTagFiles.text(data, encoding: encoding) else { continue }
            for entry in BagManifest.parse(text, file: manifest.file, algorithm: manifest.algorithm, payload: false, into: &report) {
                tagExpected.append((entry.path, manifest.algorithm, entry.checksum, manifest.file))
            }
        }
        for (path, algorithm, checksum, manifestFile) in tagExpected {
            let url = bag.appendingPathComponent(path)
            if let link = symlinkedFolder(in: path, bag: bag) {
                report.problem(path, "lies under '\(link)', a symbolic link; rencai never follows links out of a bag")
                continue
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                report.problem(path, "is listed in \(manifestFile) but missing")
                continue
            }
            do {
                let hashed = try StreamingHasher.hash(url, algorithms: [algorithm])
                if hashed.digests[algorithm] != checksum {
                    report.problem(path, "\(algorithm.name) checksum does not match \(manifestFile) (tag file changed)")
                }
            } catch {
                report.problem(path, "cannot be read: \(error)")
            }
        }

        // Fixity of the payload: one pass per file for all algorithms, on all cores.
        let jobs = expected.keys.sorted { (diskByPath[$0]?.size ?? 0) > (diskByPath[$1]?.size ?? 0) }
            .map { FixityJob(path: $0.string, size: diskByPath[$0]?.size ?? 0, expected: (expected[$0] ?? []).map { FixityJob.Expectation(algorithm: $0.0, checksum: $0.1, manifest: $0.2) }) }
        let totalSize = jobs.reduce(Int64(0)) { $0 + $1.size }
        let workers = self.workers
        let results = try ParallelWork.map(jobs, workers: workers) { job -> [BagIssue] in
            let split = ParallelWork.splitsDigests(fileSize: job.size, totalBytes: totalSize, files: jobs.count, workers: workers)
            let entries = job.expected.map { ($0.algorithm, $0.checksum, $0.manifest) }
            let algorithms = Array(Set(entries.map(\.0))).sorted()
            let path = job.path
            do {
                let hashed = try StreamingHasher.hash(bag.appendingPathComponent(path), algorithms: algorithms, splitDigests: split)
                return entries.compactMap { algorithm, checksum, manifest in
                    hashed.digests[algorithm] == checksum ? nil
                        : BagIssue(path, "\(algorithm.name) checksum does not match \(manifest) (file changed)")
                }
            } catch {
                return [BagIssue(path, "cannot be read: \(error)")]
            }
        }
        report.problems.append(contentsOf: results.flatMap { $0 })
        return report
    }

    private struct FixityJob: Sendable {
        struct Expectation: Sendable { let algorithm: DigestAlgorithm; let checksum: String; let manifest: String }
        let path: String
        let size: Int64
        let expected: [Expectation]
    }

    /// The first folder on the way to `path` that is a symbolic link, if any.
    private func symlinkedFolder(in path: String, bag: URL) -> String? {
        var current = bag
        var walked: [Substring] = []
        for component in path.split(separator: "/").dropLast() {
            current = current.appendingPathComponent(String(component))
            walked.append(component)
            var info = stat()
            if lstat(current.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { return walked.joined(separator: "/") }
        }
        return nil
    }

    private struct ManifestFile { let file: String; let algorithm: DigestAlgorithm }

    private func manifests(_ names: [String], prefix: String, report: inout BagValidationReport) -> [ManifestFile] {
        names.sorted().compactMap { name in
            guard name.hasPrefix(prefix), name.hasSuffix(".txt") else { return nil }
            let algorithmName = String(name.dropFirst(prefix.count).dropLast(4))
            guard let algorithm = DigestAlgorithm(rawValue: algorithmName.lowercased()) else {
                report.problem(name, "uses the unsupported checksum algorithm '\(algorithmName)'")
                return nil
            }
            return ManifestFile(file: name, algorithm: algorithm)
        }
    }

    private func readTagFile(_ bag: URL, _ name: String, report: inout BagValidationReport) -> Data? {
        let url = bag.appendingPathComponent(name)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            report.problem(name, "is not a regular file (a symbolic link?)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            report.problem(name, "cannot be read")
            return nil
        }
        return data
    }

    /// A file on disk that is the same name up to Unicode normalisation or letter case.
    private func twin(of path: String, among files: [WalkedFile], listed: [ExactPath: String]) -> String? {
        let folded = path.precomposedStringWithCanonicalMapping.lowercased()
        return files.first { $0.path.precomposedStringWithCanonicalMapping.lowercased() == folded }?.path
    }

    private func twinKind(_ a: String, _ b: String) -> String {
        a.precomposedStringWithCanonicalMapping.utf8.elementsEqual(b.precomposedStringWithCanonicalMapping.utf8)
            ? "Unicode normalisation" : "letter case"
    }
}
