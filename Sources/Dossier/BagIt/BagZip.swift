import Foundation
import RencaiCore
import ZIPFoundation

/// Validates a zipped bag: the archive is unpacked entry by entry into a private temporary folder
/// (refusing absolute paths, `..` and symbolic links), then validated like a folder.
public enum BagZip {
    /// Validates the bag inside `zip`. File names in the report are relative to the bag's top folder.
    public static func validate(_ zip: URL, validator: BagValidator = BagValidator()) throws -> BagValidationReport {
        let archive: Archive
        do { archive = try Archive(url: zip, accessMode: .read) }
        catch { throw InputError("\(zip.path): not a readable zip archive", status: .dataError) }
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("rencai-bag-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        var unsafe = BagValidationReport()
        for entry in archive {
            let path = entry.path
            if let reason = BagManifest.unsafeReason(path.hasSuffix("/") ? String(path.dropLast()) : path) {
                unsafe.problem(path, "zip entry \(reason); not extracted")
                continue
            }
            if entry.type == .symlink {
                unsafe.problem(path, "zip entry is a symbolic link; not extracted")
                continue
            }
            do { _ = try archive.extract(entry, to: scratch.appendingPathComponent(path), skipCRC32: false) }
            catch { unsafe.problem(path, "cannot be extracted: \(error)") }
        }
        var root = scratch
        if !fm.fileExists(atPath: scratch.appendingPathComponent("bagit.txt").path) {
            let top = (try? fm.contentsOfDirectory(atPath: scratch.path)) ?? []
            if top.count == 1 { root = scratch.appendingPathComponent(top[0]) }
        }
        var report = try validator.validate(root)
        report.problems.insert(contentsOf: unsafe.problems, at: 0)
        return report
    }
}
