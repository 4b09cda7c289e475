import Foundation
import RencaiCore

/// Generates hires files for tests: `count` rows with Chinese headers and the messy spellings HR
/// exports contain (full-width digits, 上海市 vs Shanghai, dates in several forms).
enum HiresFixtures {
    static let chineseHeader = "工号,姓名,国籍,护照号码,类别,许可证号,许可证到期日,省份,城市,职业代码,职位,入职日期"

    static func chineseRows(_ count: Int, start: Int = 1) -> [String] {
        let places = [("上海市", "上海"), ("Guangdong", "深圳市"), ("北京", "Beijing"), ("浙江省", "杭州")]
        let codes = ["2-02-10-03", "２－０２－３８－０１", "2021003", "2—06—07—01"]
        return (start..<(start + count)).map { i in
            let (province, city) = places[i % places.count]
            let expiry = i % 2 == 0 ? "2027-0\(1 + i % 9)-15" : "2027/0\(1 + i % 9)/1\(i % 10)"
            return "E\(String(format: "%04d", i)),Person \(i),\(i % 3 == 0 ? "gb" : "US"),P\(100000 + i),\(["A", "B类", "C"][i % 3]),WP\(i),\(expiry),\(province),\(city),\(codes[i % codes.count]),Engineer \(i),2024-01-0\(1 + i % 9)"
        }
    }

    static func chineseCSV(_ count: Int) -> String {
        ([chineseHeader] + chineseRows(count)).joined(separator: "\r\n") + "\r\n"
    }

    static func write(_ text: String, encoding: String.Encoding = .utf8, bom: Bool = false, name: String = "hires.csv", in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent(name)
        var data = bom ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(text.data(using: encoding)!)
        try data.write(to: url)
        return url
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rencai-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
