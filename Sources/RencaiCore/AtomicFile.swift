import Foundation

/// Writes files so that a reader sees the old content or the new, never half of it:
/// write to a temporary file in the same folder, flush it, then rename over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: Int? = nil) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data,
                                             attributes: permissions.map { [.posixPermissions: $0] }) else {
            throw InputError("cannot write \(url.path): check that the folder exists and is writable", status: .cantCreate)
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw InputError("cannot replace \(url.path): \(String(cString: strerror(errno)))", status: .cantCreate)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL, permissions: Int? = nil) throws {
        try write(Data(text.utf8), to: url, permissions: permissions)
    }
}
