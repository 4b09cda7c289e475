import Foundation
import RencaiCore

/// How a revision's parsed rows are kept in the store (`catalogue_revision.catalogue_json`).
///
/// Written as a compact binary record: a 5-byte header (`00 'R' 'C' 'T'`, then the format version), then
/// LEB128 unsigned integers and length-prefixed UTF-8 strings. Encoding a 1,000-row catalogue this way
/// needs no per-field Foundation coding: as JSON it cost 1.2 ms to encode and 1.6 ms to decode per
/// 1,000-row page (`bench-watch --stages` before this format), on every revision and every baseline read.
///
/// Revisions written before this format hold JSON (``Catalogue``'s `Codable` form, which always starts
/// with `{`); ``decode(_:)`` reads both, so an existing store keeps working without a migration (the column
/// keeps its historical name).
///
/// Version 2 (written since the catalogue performance pass) is version 1's body compressed: after the
/// header, the body's length (LEB128) and the body as a Zstandard frame (``StoredCompression``; the first
/// builds of version 2 wrote raw deflate there, which still reads). On
/// bench-watch's 1,000-row page the body shrinks from 79 KiB to under 9 KiB, and SQLite then writes a
/// fifth of the bytes per revision (its WAL, and the checkpoint after it). Version 1 records still read.
///
/// Version 1, after the header:
/// ```
/// columns:              count, string…
/// key column:           0 | 1 string
/// title column:         0 | 1 string
/// row-number columns:   count, string…
/// findings:             count, (kind string, line, detail string)…
/// rows:                 count, (flags, line, one value per column, [key text], [title])…
/// ```
/// A row's values follow the catalogue's columns, as in the JSON form (a missing column is ""). Most
/// rows' key is the text of their key cell and their title the text of their title cell: flag 1 and
/// flag 2 say so, and the key text or the title is then not written again. Without flag 2 the title is
/// written ("" for none).
///
/// ```swift
/// let blob = StoredCatalogue.encode(catalogue)
/// let back = try StoredCatalogue.decode(blob)   // == catalogue
/// ```
enum StoredCatalogue {
    static let magic: [UInt8] = [0x00, 0x52, 0x43, 0x54]   // NUL "RCT": never the start of JSON
    /// The version written: 2, the compressed body. ``decode(_:)`` reads 1 and 2.
    static let version: UInt8 = 2
    static let plainVersion: UInt8 = 1

    /// Why stored rows could not be read.
    struct Damaged: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    static func encode(_ catalogue: Catalogue) throws -> Data {
        let body = encodeBody(catalogue)
        let head = Writer()
        head.append(contentsOf: magic)
        head.append(version)
        head.integer(body.count)
        var out = Data(head.bytes)
        out.append(try body.withUnsafeBytes { try StoredCompression.compress($0) })
        return out
    }

    /// Version 1: the header, then the body uncompressed (kept for tests of old stores).
    static func encodePlain(_ catalogue: Catalogue) -> Data {
        Data(magic + [plainVersion] + encodeBody(catalogue))
    }

    /// Version 1's body: everything after the header.
    static func encodeBody(_ catalogue: Catalogue) -> [UInt8] {
        let w = Writer(capacity: 64 + catalogue.rows.count * (16 + catalogue.columns.count * 24))
        w.strings(catalogue.columns)
        w.optional(catalogue.keyColumn)
        w.optional(catalogue.titleColumn)
        w.strings(catalogue.rowNumberColumns)
        w.integer(catalogue.findings.count)
        for finding in catalogue.findings {
            w.string(finding.kind.rawValue)
            w.integer(finding.line)
            w.string(finding.detail)
        }
        w.integer(catalogue.rows.count)
        let columnsBuffer = catalogue.columns.withUnsafeBufferPointer { $0.baseAddress }
        let keyIndex = catalogue.keyColumn.flatMap { catalogue.columns.firstIndex(of: $0) }
        let titleIndex = catalogue.titleColumn.flatMap { catalogue.columns.firstIndex(of: $0) }
        var key: [UInt8] = []
        // Rows and cells are read in place through buffers: a `for row in rows` copy retains and releases
        // every field of every row, which cost more than writing them.
        catalogue.rows.withUnsafeBufferPointer { rows in
            for row in rows.indices {
                // Rows built together share the catalogue's column array: same storage, same columns.
                let shared = rows[row].columns.withUnsafeBufferPointer({ $0.baseAddress }) == columnsBuffer
                    || (rows[row].columns.count == catalogue.columns.count && CatalogueDiff.sameBytes(rows[row].columns, catalogue.columns))
                func write(_ values: UnsafeBufferPointer<String>) {
                    var flags: UInt8 = 0
                    if let keyIndex, let code = rows[row].key.code, rows[row].key.occurrence == 1,
                       RowKey.isCodeText(values[keyIndex], code) { flags |= 1 }
                    if let titleIndex, let title = rows[row].title, title == values[titleIndex] { flags |= 2 }
                    w.append(flags)
                    w.integer(rows[row].line)
                    for k in values.indices { w.string(values[k]) }
                    if flags & 1 == 0 {
                        key.removeAll(keepingCapacity: true)
                        rows[row].key.appendText(to: &key)
                        w.integer(key.count)
                        w.append(contentsOf: key)
                    }
                    if flags & 2 == 0 { w.string(rows[row].title ?? "") }
                }
                if shared {
                    rows[row].values.withUnsafeBufferPointer(write)
                } else {
                    catalogue.columns.map { rows[row][$0] ?? "" }.withUnsafeBufferPointer(write)
                }
            }
        }
        return w.bytes
    }

    /// Reads either format: this binary record or the JSON written by earlier versions.
    static func decode(_ data: Data) throws -> Catalogue {
        guard data.first == magic[0] else { return try JSONDecoder().decode(Catalogue.self, from: data) }
        guard data.count >= 5, Array(data.prefix(4)) == magic else { throw Damaged(reason: "not a stored catalogue") }
        let stored = data[data.startIndex + 4]
        switch stored {
        case plainVersion:
            return try data.withUnsafeBytes { try decodeBody(UnsafeRawBufferPointer(rebasing: $0[5...])) }
        case version:
            return try data.withUnsafeBytes { raw -> Catalogue in
                var r = Reader(bytes: raw)
                r.offset = 5
                let length = try r.integer()
                let body: [UInt8]
                do { body = try StoredCompression.decompress(UnsafeRawBufferPointer(rebasing: raw[r.offset...]), count: length) } catch {
                    throw Damaged(reason: "the rows do not decompress (\(error))")
                }
                return try body.withUnsafeBytes { try decodeBody($0) }
            }
        default:
            throw Damaged(reason: "stored with format version \(stored), which this rencai does not know (it reads \(plainVersion) and \(version)): upgrade rencai")
        }
    }

    /// Reads version 1's body.
    static func decodeBody(_ raw: UnsafeRawBufferPointer) throws -> Catalogue {
        var r = Reader(bytes: raw)
        let columns = try r.strings()
        let keyColumn = try r.optional()
        let titleColumn = try r.optional()
        let rowNumberColumns = try r.strings()
        var findings: [DataQualityFinding] = []
        let findingCount = try r.count()
        findings.reserveCapacity(findingCount)
        for _ in 0..<findingCount {
            let kindText = try r.string()
            guard let kind = DataQualityFinding.Kind(rawValue: kindText) else { throw Damaged(reason: "unknown finding kind '\(kindText)'") }
            findings.append(DataQualityFinding(kind: kind, line: try r.integer(), detail: try r.string()))
        }
        let keyIndex = keyColumn.flatMap { columns.firstIndex(of: $0) }
        let titleIndex = titleColumn.flatMap { columns.firstIndex(of: $0) }
        let rowCount = try r.count()
        var rows: [CatalogueRow] = []
        rows.reserveCapacity(rowCount)
        for _ in 0..<rowCount {
            let flags = try r.byte()
            guard flags & ~3 == 0 else { throw Damaged(reason: "bad row flags \(flags) at byte \(r.offset - 1)") }
            let line = try r.integer()
            var values: [String] = []
            values.reserveCapacity(columns.count)
            for _ in columns { values.append(try r.string()) }
            /// The key text or title: its cell's text when the row's flag says so, else written out.
            func cellOrWritten(_ flag: UInt8, _ column: Int?, _ what: String) throws -> String {
                guard flags & flag != 0 else { return try r.string() }
                guard let column else { throw Damaged(reason: "a row whose \(what) is its \(what) cell in a catalogue without a \(what) column") }
                return values[column]
            }
            let keyText = try cellOrWritten(1, keyIndex, "key")
            guard let key = RowKey(text: keyText) else { throw Damaged(reason: "'\(keyText)' is not a row key") }
            let title = try cellOrWritten(2, titleIndex, "title")
            rows.append(CatalogueRow(key: key, title: title.isEmpty ? nil : title, line: line, columns: columns, values: values))
        }
        guard r.offset == raw.count else { throw Damaged(reason: "\(raw.count - r.offset) bytes after the last row") }
        return Catalogue(columns: columns, keyColumn: keyColumn, titleColumn: titleColumn,
                         rowNumberColumns: rowNumberColumns, rows: rows, findings: findings)
    }

    /// Appends the format's pieces to a byte buffer of its own. Raw memory rather than `[UInt8]`: a
    /// catalogue is written a few bytes at a time (a length, a cell) thousands of times, and Array's
    /// append costs more than the copy itself at that size. A class: it owns the memory it frees.
    final class Writer {
        // One writer per encoding, on one thread: no dynamic exclusivity checks at every byte.
        @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
        @exclusivity(unchecked) private var count = 0
        @exclusivity(unchecked) private var capacity: Int

        init(capacity: Int = 256) {
            self.capacity = max(64, capacity)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        @inline(__always)
        private func reserve(_ n: Int) {
            guard count + n > capacity else { return }
            let grown = max(capacity * 2, count + n)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            new.update(from: base, count: count)
            base.deallocate()
            base = new
            capacity = grown
        }

        /// What was written.
        var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

        func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count += 1
        }

        func append(_ raw: UnsafeBufferPointer<UInt8>) {
            guard let source = raw.baseAddress, !raw.isEmpty else { return }
            reserve(raw.count)
            (base + count).update(from: source, count: raw.count)
            count += raw.count
        }

        func append(contentsOf list: [UInt8]) { list.withUnsafeBufferPointer { append($0) } }

        func integer(_ value: Int) {
            var v = UInt64(max(0, value))
            reserve(10)
            while v >= 0x80 {
                base[count] = UInt8(truncatingIfNeeded: v) | 0x80
                count += 1
                v >>= 7
            }
            base[count] = UInt8(v)
            count += 1
        }

        func string(_ s: String) {
            // The String's own bytes, without the copy `withUTF8` on a local would make.
            let utf8 = s.utf8
            integer(utf8.count)
            if utf8.withContiguousStorageIfAvailable({ append($0) }) == nil { append(contentsOf: Array(utf8)) }
        }

        func strings(_ list: [String]) {
            integer(list.count)
            for s in list { string(s) }
        }

        func optional(_ s: String?) {
            if let s { append(1); string(s) } else { append(0) }
        }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func integer() throws -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count else { throw Damaged(reason: "cut short at byte \(offset)") }
                let b = bytes[offset]
                offset += 1
                guard shift < 63 else { throw Damaged(reason: "number too large at byte \(offset)") }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            guard value <= UInt64(Int.max) else { throw Damaged(reason: "number too large at byte \(offset)") }
            return Int(value)
        }

        /// A count of items that each take at least one byte: never more than the bytes left.
        mutating func count() throws -> Int {
            let n = try integer()
            guard n <= bytes.count - offset else { throw Damaged(reason: "count \(n) beyond the end at byte \(offset)") }
            return n
        }

        mutating func string() throws -> String {
            let n = try integer()
            guard n <= bytes.count - offset else { throw Damaged(reason: "text of \(n) bytes beyond the end at byte \(offset)") }
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
            offset += n
            return s
        }

        mutating func strings() throws -> [String] {
            let n = try count()
            var list: [String] = []
            list.reserveCapacity(n)
            for _ in 0..<n { list.append(try string()) }
            return list
        }

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Damaged(reason: "cut short at byte \(offset)") }
            offset += 1
            return bytes[offset - 1]
        }

        mutating func optional() throws -> String? {
            guard offset < bytes.count else { throw Damaged(reason: "cut short at byte \(offset)") }
            let flag = bytes[offset]
            offset += 1
            switch flag {
            case 0: return nil
            case 1: return try string()
            default: throw Damaged(reason: "bad marker \(flag) at byte \(offset - 1)")
            }
        }
    }
}
