import Foundation
import ZIPFoundation

/// A minimal real .xlsx with one hire, the expiry as a date-formatted serial number.
enum XLSXHires {
    static func write(to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        let header = ["employee_id", "name", "nationality", "passport_no", "category", "permit_expiry", "province", "occupation_code"]
        let values = ["X1", "Xia", "SG", "K1234567", "B", "46447", "上海", "2-02-10-03"]
        func cell(_ col: Int, _ row: Int, _ value: String, date: Bool = false) -> String {
            let ref = String(UnicodeScalar(65 + col)!) + String(row)
            return date ? "<c r=\"\(ref)\" s=\"1\"><v>\(value)</v></c>" : "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>"
        }
        let headerRow = header.enumerated().map { cell($0.offset, 1, $0.element) }.joined()
        let dataRow = values.enumerated().map { cell($0.offset, 2, $0.element, date: $0.offset == 5) }.joined()
        try add("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>"#)
        try add("xl/styles.xml", #"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#)
        try add("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">\(headerRow)</row><row r=\"2\">\(dataRow)</row></sheetData></worksheet>")
    }
}
