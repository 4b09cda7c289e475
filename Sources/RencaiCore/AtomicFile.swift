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

extension AtomicFile {
    /// A file written in pieces (a streamed CSV, say) that appears under its name only when complete:
    /// the pieces go to a temporary file in the same folder, which ``commit()`` syncs and renames.
    public final class Stream {
        public let url: URL
        private let temporary: URL
        private let handle: FileHandle

        public init(url: URL) throws {
            self.url = url
            temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary.path) else {
                throw InputError("\(url.deletingLastPathComponent().path): cannot create the output file there: check the folder and permissions", status: .cantCreate)
            }
            self.handle = handle
        }

        public func write(_ data: Data) throws {
            do { try handle.write(contentsOf: data) } catch {
                throw InputError("\(url.path): write failed: \(error.localizedDescription)", status: .ioError)
            }
        }

        /// Syncs the temporary file and renames it over `url`.
        public func commit() throws {
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                abort()
                throw InputError("\(url.path): cannot finish the file: \(error.localizedDescription)", status: .ioError)
            }
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw InputError("cannot replace \(url.path): \(reason)", status: .cantCreate)
            }
        }

        /// Drops the temporary file; `url` is left as it was.
        public func abort() {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
