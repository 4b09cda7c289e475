import Foundation
import RencaiCore

/// Reads a CSV file record by record in constant memory (64 KB chunks), for batch classification of
/// files of any size. A record whose bytes are not UTF-8 (or GB18030) is handed over as a failure with
/// its line, so that the caller can report it and go on.
///
/// ```swift
/// let stream = try CSVRecordStream(url: url)
/// while let record = try stream.next() {
///     switch record.cells { case .success(let cells): … case .failure(let why): print("line \(record.line): \(why)") }
/// }
/// ```
public final class CSVRecordStream {
    public struct Record {
        public let line: Int
        public let cells: Result<[String], InputError>
    }

    private let handle: FileHandle
    private let source: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var eof = false
    private var line = 1
    private var firstRecord = true
    /// Set once the header decides the encoding: GB18030 when the first record is not UTF-8.
    private var gb18030 = false

    public init(url: URL) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else {
            throw InputError("\(url.path): cannot read the file: check the path and permissions", status: .noInput)
        }
        handle = h
        source = url.path
    }

    deinit { try? handle.close() }

    // Where the search for the end of the current record stopped, so that a long record is scanned once.
    private var scan = 0
    private var scanInQuotes = false
    private var scanNewlines = 0

    private func fill() {
        guard !eof else { return }
        if position > 0 { buffer.removeFirst(position); scan -= position; position = 0 }
        let chunk = handle.readData(ofLength: 65536)
        if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
    }

    /// The next record, or nil at the end of the file.
    public func next() throws -> Record? {
        while true {
            // Find the end of a record: a newline outside quotes (resuming where the last search stopped).
            var inQuotes = scanInQuotes
            var i = max(scan, position)
            var newlines = scanNewlines
            while i < buffer.count {
                let b = buffer[i]
                if b == UInt8(ascii: "\"") { inQuotes.toggle() }
                else if b == UInt8(ascii: "\n") {
                    if !inQuotes { break }
                    newlines += 1
                }
                i += 1
            }
            scan = i; scanInQuotes = inQuotes; scanNewlines = newlines
            if i < buffer.count || (eof && position < buffer.count) {
                scan = 0; scanInQuotes = false; scanNewlines = 0
                let end = min(i, buffer.count)
                var bytes = Array(buffer[position..<end])
                position = min(end + 1, buffer.count)
                let recordLine = line
                line += newlines + 1
                if firstRecord, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                if bytes.contains(0) {
                    return Record(line: recordLine, cells: .failure(InputError("\(source):\(recordLine): binary data in the row")))
                }
                var text = String(validating: bytes, as: UTF8.self)
                if firstRecord && text == nil { gb18030 = true }
                if text == nil && gb18030 { text = String(data: Data(bytes), encoding: TextDecoding.gb18030) }
                firstRecord = false
                guard let text else {
                    return Record(line: recordLine, cells: .failure(InputError("\(source):\(recordLine): the row is not valid UTF-8: save the file as UTF-8 CSV")))
                }
                if text.isEmpty { continue }
                var cells: [String] = []
                do {
                    try CSVReader.parse(text, source: source) { _, c in cells = c }
                } catch {
                    return Record(line: recordLine, cells: .failure(InputError("\(source):\(recordLine): a quoted field is never closed")))
                }
                return Record(line: recordLine, cells: .success(cells))
            }
            if eof { return nil }
            fill()
            if eof && position >= buffer.count { return nil }
        }
    }
}
