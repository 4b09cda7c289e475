import Foundation
import GRDB
import Testing
@testable import RencaiCore
@testable import Store

@Suite("Hires registry import")
struct HiresImportTests {
    let dir: URL
    let store: RencaiStore
    let gazetteer: Gazetteer
    var registry: HiresRegistry { HiresRegistry(store: store) }

    init() throws {
        dir = try HiresFixtures.temporaryDirectory()
        store = try RencaiStore.open(at: dir.appendingPathComponent("rencai.sqlite"))
        gazetteer = try Gazetteer.bundled(try ResourceLocator.locate(environment: [:], executable: nil))
    }

    @Test("imports 200 rows with Chinese headers in GB18030 and normalises every field")
    func imports200GB18030() throws {
        let file = try HiresFixtures.write(HiresFixtures.chineseCSV(200), encoding: TextDecoding.gb18030, in: dir)
        let report = try registry.importFile(file, gazetteer: gazetteer)
        #expect(report.inserted == 200)
        let hires = try registry.all()
        #expect(hires.count == 200)
        let h2 = try #require(try registry.hire(id: "E0002"))
        #expect(h2.province == "Beijing" && h2.city == "Beijing")
        #expect(h2.occupationCode.text == "2-02-10-03")
        #expect(h2.category == .C)
        #expect(h2.permitExpiry.description == "2027-03-15")
        let h1 = try #require(try registry.hire(id: "E0001"))
        #expect(h1.province == "Guangdong" && h1.city == "Shenzhen")
        #expect(h1.occupationCode.text == "2-02-38-01")
        #expect(h1.category == .B)
        #expect(h1.permitExpiry.description == "2027-02-11")
        let h3 = try #require(try registry.hire(id: "E0003"))
        #expect(h3.nationality == "GB" && h3.province == "Zhejiang" && h3.city == "Hangzhou")
        #expect(h3.occupationCode.text == "2-06-07-01")
        #expect(Set(hires.map(\.province)) == ["Shanghai", "Guangdong", "Beijing", "Zhejiang"])
        #expect(hires.allSatisfy { $0.occupationEdition == "2022" })
    }

    @Test("reads UTF-8 with a BOM and English headers, and re-importing updates instead of duplicating")
    func reimportUpdates() throws {
        let header = "Employee ID,Name,Nationality,Passport No,Category,Route,Permit No,Permit Expiry,Province,City,Occupation Code,Job Title,Start Date"
        let v1 = header + "\nE1,Jane,GB,E12345678,B,points,WP1,2027-03-01,Shanghai,Shanghai,2-02-10-03,Engineer,2024-01-01\n"
        _ = try registry.importFile(try HiresFixtures.write(v1, bom: true, name: "v1.csv", in: dir), gazetteer: gazetteer)
        let v2 = header + "\nE1,Jane,GB,E12345678,A,salary_6x,WP2,2029-03-01,上海,上海,2-02-38-01,Lead,2024-01-01\n"
        let report = try registry.importFile(try HiresFixtures.write(v2, name: "v2.csv", in: dir), gazetteer: gazetteer)
        #expect(report.updated == 1 && report.inserted == 0)
        let hires = try registry.all()
        #expect(hires.count == 1)
        #expect(hires[0].category == .A && hires[0].route == "salary_6x" && hires[0].permitExpiry.description == "2029-03-01")
        #expect(hires[0].maskedPassport == "E1234****")
    }

    /// Each bad file must fail with a message naming file, line and column, and change nothing.
    @Test("bad input names the place and leaves the store exactly as it was", arguments: [
        ("missing column", HiresFixtures.chineseCSV(3).replacingOccurrences(of: "许可证到期日,", with: ""), ":1: required column 'permit_expiry' (许可证到期日) is missing"),
        ("malformed date", HiresFixtures.chineseCSV(3).replacingOccurrences(of: "2027-03-15", with: "2027-02-30"), ":3: column '许可证到期日'"),
        ("unknown category", HiresFixtures.chineseCSV(3).replacingOccurrences(of: ",B类,", with: ",D,"), ":2: column '类别'"),
        ("duplicate id", HiresFixtures.chineseCSV(3).replacingOccurrences(of: "E0003", with: "E0001"), ":4: column '工号': 'E0001' appears again (first on line 2)"),
        ("truncated", HiresFixtures.chineseCSV(3) + "E0009,\"Person 9,GB", ":5: a quoted field is never closed"),
        ("unknown province", HiresFixtures.chineseCSV(3).replacingOccurrences(of: "北京,Beijing", with: "Atlantis,Beijing"), ":3: column '省份'"),
        ("bad code", HiresFixtures.chineseCSV(3).replacingOccurrences(of: "2—06—07—01", with: "2-6-7-1"), ":4: column '职业代码'"),
    ])
    func badInputChangesNothing(name: String, content: String, expected: String) throws {
        let good = try HiresFixtures.write(HiresFixtures.chineseCSV(5), name: "good.csv", in: dir)
        _ = try registry.importFile(good, gazetteer: gazetteer)
        let before = try snapshot()
        let bad = try HiresFixtures.write(content, name: "bad.csv", in: dir)
        #expect(performing: { try registry.importFile(bad, gazetteer: gazetteer) }, throws: { error in
            let message = "\(error)"
            return message.contains("bad.csv") && message.contains(expected)
        })
        #expect(try snapshot() == before, "store changed after a failed import (\(name))")
    }

    @Test("a binary file is refused and nothing is imported")
    func binaryFile() throws {
        let url = dir.appendingPathComponent("photo.csv")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]).write(to: url)
        #expect(performing: { try registry.importFile(url, gazetteer: gazetteer) }, throws: { "\($0)".contains("binary") })
        #expect(try registry.all().isEmpty)
    }

    @Test("imports .xlsx exported hires")
    func xlsx() throws {
        let url = dir.appendingPathComponent("hires.xlsx")
        try XLSXHires.write(to: url)
        _ = try registry.importFile(url, gazetteer: gazetteer)
        let hire = try #require(try registry.hire(id: "X1"))
        #expect(hire.permitExpiry.description == "2027-03-01")
        #expect(hire.province == "Shanghai")
    }

    private func snapshot() throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT employee_id || '|' || category || '|' || permit_expiry || '|' || province FROM hire ORDER BY employee_id") }
    }
}
