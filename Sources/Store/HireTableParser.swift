import Foundation
import RencaiCore

/// Turns a hires table (English or Chinese headers) into validated ``Hire`` values, or throws an
/// error that names the file, line and column of the first problem.
public struct HireTableParser: Sendable {
    public let gazetteer: Gazetteer
    public let defaultEdition: String

    public init(gazetteer: Gazetteer, defaultEdition: String = OccupationCode.defaultEdition) {
        self.gazetteer = gazetteer
        self.defaultEdition = defaultEdition
    }

    /// A column of the hires file: its field name and the header spellings accepted for it.
    struct Field: Sendable {
        let name: String
        let required: Bool
        let headers: [String]
    }

    static let fields: [Field] = [
        Field(name: "employee_id", required: true, headers: ["employee_id", "employee id", "工号", "员工编号", "员工号"]),
        Field(name: "name", required: true, headers: ["name", "姓名"]),
        Field(name: "nationality", required: true, headers: ["nationality", "国籍"]),
        Field(name: "passport_no", required: true, headers: ["passport_no", "passport number", "护照号码", "护照号"]),
        Field(name: "category", required: true, headers: ["category", "类别", "人才类别"]),
        Field(name: "route", required: false, headers: ["route", "途径", "认定途径"]),
        Field(name: "permit_no", required: false, headers: ["permit_no", "permit number", "许可证号", "工作许可证号"]),
        Field(name: "permit_expiry", required: true, headers: ["permit_expiry", "permit expiry", "许可证到期日", "到期日"]),
        Field(name: "province", required: true, headers: ["province", "省份", "省"]),
        Field(name: "city", required: false, headers: ["city", "城市", "市"]),
        Field(name: "occupation_code", required: true, headers: ["occupation_code", "occupation code", "职业代码", "职业编码"]),
        Field(name: "occupation_edition", required: false, headers: ["occupation_edition", "edition", "大典版本", "版本"]),
        Field(name: "job_title", required: false, headers: ["job_title", "job title", "职位", "岗位"]),
        Field(name: "start_date", required: false, headers: ["start_date", "start date", "入职日期"]),
    ]

    public struct Parsed: Sendable {
        public let hires: [Hire]
        public let warnings: [String]
    }

    public func parse(_ table: Table) throws -> Parsed {
        let file = table.source
        var columnOf: [String: Int] = [:]
        for (index, header) in table.header.enumerated() {
            let key = TextNormalizer.headerKey(header)
            guard !key.isEmpty else { continue }
            if let field = Self.fields.first(where: { $0.headers.map(TextNormalizer.headerKey).contains(key) }) {
                if columnOf[field.name] != nil {
                    throw InputError("\(file):\(table.headerLine): column '\(header)' repeats \(field.name): keep one of them")
                }
                columnOf[field.name] = index
            }
        }
        for field in Self.fields where field.required && columnOf[field.name] == nil {
            let chinese = field.headers.first { !$0.allSatisfy(\.isASCII) } ?? field.name
            throw InputError("\(file):\(table.headerLine): required column '\(field.name)' (\(chinese)) is missing: add it to the header row")
        }
        if table.rows.isEmpty { throw InputError("\(file): no data rows after the header") }

        var hires: [Hire] = []
        var warnings: [String] = []
        var firstLineOf: [String: Int] = [:]
        for row in table.rows {
            func value(_ name: String) -> String? {
                guard let i = columnOf[name] else { return nil }
                let v = TextNormalizer.cell(row[i])
                return v.isEmpty ? nil : v
            }
            func fail(_ name: String, _ what: String) -> InputError {
                let header = columnOf[name].map { table.header[$0] } ?? name
                return InputError("\(file):\(row.line): column '\(header)': \(what)")
            }
            func required(_ name: String) throws -> String {
                guard let v = value(name) else { throw fail(name, "is empty: every hire needs a \(name)") }
                return v
            }

            let id = try required("employee_id")
            if let first = firstLineOf[id] {
                throw fail("employee_id", "'\(id)' appears again (first on line \(first)): each employee once per file")
            }
            firstLineOf[id] = row.line

            let nationality = try required("nationality").uppercased()
            guard nationality.count == 2, nationality.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw fail("nationality", "'\(nationality)' is not an ISO 3166 alpha-2 code (e.g. GB, US, DE)")
            }

            let categoryText = try required("category").uppercased().replacingOccurrences(of: "类", with: "")
                .replacingOccurrences(of: " ", with: "")
            guard let category = Hire.Category(rawValue: categoryText) else {
                throw fail("category", "'\(try required("category"))' is not a category: use A, B or C")
            }

            let expiryText = try required("permit_expiry")
            let expiry: Day
            do { expiry = try Day(parsing: expiryText) } catch { throw fail("permit_expiry", "'\(expiryText)' is not a date: write YYYY-MM-DD") }
            var start: Day? = nil
            if let s = value("start_date") {
                do { start = try Day(parsing: s) } catch { throw fail("start_date", "'\(s)' is not a date: write YYYY-MM-DD") }
            }

            let provinceText = try required("province")
            guard let province = gazetteer.province(named: provinceText) ?? gazetteer.city(named: provinceText).flatMap({ $0.city.name == $0.province.name ? $0.province : nil }) else {
                let hint = gazetteer.suggestions(for: provinceText)
                throw fail("province", "'\(provinceText)' is not a province of China\(hint.isEmpty ? "" : " (did you mean \(hint.joined(separator: ", "))?)"): use its Chinese or English name")
            }
            var city: String? = nil
            if let cityText = value("city") {
                if let known = gazetteer.city(named: cityText) {
                    guard known.province.name == province.name else {
                        throw fail("city", "\(known.city.name) is in \(known.province.name), not \(province.name): correct the city or the province")
                    }
                    city = known.city.name
                } else {
                    city = cityText
                    warnings.append("\(file):\(row.line): city '\(cityText)' is not in the regions list; kept as written (add it to rules/regions.yaml to match it in Chinese and English)")
                }
            }

            let codeText = try required("occupation_code")
            guard let code = OccupationCode(codeText) else {
                throw fail("occupation_code", "'\(codeText)' is not an occupation code: write D-DD-DD-DD (e.g. 2-02-10-03)")
            }

            hires.append(Hire(employeeID: id, name: try required("name"), nationality: nationality,
                              passportNo: try required("passport_no").uppercased().replacingOccurrences(of: " ", with: ""),
                              category: category, route: value("route"), permitNo: value("permit_no"),
                              permitExpiry: expiry, province: province.name, city: city, occupationCode: code,
                              occupationEdition: value("occupation_edition") ?? defaultEdition,
                              jobTitle: value("job_title"), startDate: start))
        }
        return Parsed(hires: hires, warnings: warnings)
    }
}
