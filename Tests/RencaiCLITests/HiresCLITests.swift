import Foundation
import Testing

@Suite("rencai hires, end to end through the built binary")
struct HiresCLITests {
    static let header = "工号,姓名,国籍,护照号码,类别,许可证号,许可证到期日,省份,城市,职业代码,职位,入职日期"

    static func rows(_ n: Int) -> String {
        let places = [("上海市", "上海"), ("广东", "深圳市"), ("Beijing", "北京")]
        return (1...n).map { i in
            let p = places[i % 3]
            return "H\(i),Person \(i),de,X\(1000000 + i),\(["A", "B", "C"][i % 3]),WP\(i),2027-0\(1 + i % 9)-0\(1 + i % 9),\(p.0),\(p.1),２－０２－１０－０\(1 + i % 9),Engineer,2025-01-01"
        }.joined(separator: "\n")
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try CLIRunner().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("importing 200 hires with Chinese headers, then list --json returns them normalised with exactly the registry's fields")
    func import200() throws {
        let cli = try CLIRunner()
        let file = try cli.file("hires.csv", Self.header + "\n" + Self.rows(200) + "\n", encoding: String.Encoding(rawValue: 0x8000_0632))
        let store = cli.home.appendingPathComponent("s.sqlite").path
        let imported = try cli.run(["hires", "import", file.path, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let listed = try cli.run(["hires", "list", "--json", "--store", store])
        #expect(listed.status == 0)
        let hires = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(hires.count == 200)
        let expectedKeys: Set<String> = ["employee_id", "name", "nationality", "passport_no", "category", "route", "permit_no",
                                         "permit_expiry", "province", "city", "occupation_code", "job_title", "start_date"]
        #expect(hires.allSatisfy { Set($0.keys) == expectedKeys })
        let h10 = try #require(hires.first { $0["employee_id"] as? String == "H10" })
        #expect(h10["province"] as? String == "Guangdong")
        #expect(h10["city"] as? String == "Shenzhen")
        #expect(h10["nationality"] as? String == "DE")
        #expect(h10["occupation_code"] as? String == "2-02-10-02")
        #expect(h10["permit_expiry"] as? String == "2027-02-02")
        #expect(h10["passport_no"] as? String == "X1000010")
        #expect(h10["category"] as? String == "B")
        #expect(Set(hires.compactMap { $0["province"] as? String }) == ["Shanghai", "Guangdong", "Beijing"])
    }

    @Test("human output masks passport numbers; show prints them whole")
    func masking() throws {
        let cli = try CLIRunner()
        let file = try cli.file("h.csv", Self.header + "\n" + Self.rows(3) + "\n")
        let store = cli.home.appendingPathComponent("s.sqlite").path
        try cli.run(["hires", "import", file.path, "--store", store])
        let list = try cli.run(["hires", "list", "--store", store])
        #expect(list.stdout.contains("X100****"))
        #expect(!list.stdout.contains("X1000001"))
        let show = try cli.run(["hires", "show", "H1", "--store", store])
        #expect(show.stdout.contains("X1000001"))
        let missing = try cli.run(["hires", "show", "NOPE", "--store", store])
        #expect(missing.status == 66)
    }

    @Test("bad input exits 65 with one line naming file, line and column, and the store is unchanged", arguments: [
        ("2027-02-30", "许可证到期日"), ("Z", "类别"),
    ])
    func badInput(badValue: String, column: String) throws {
        let cli = try CLIRunner()
        let store = cli.home.appendingPathComponent("s.sqlite").path
        try cli.run(["hires", "import", try cli.file("good.csv", Self.header + "\n" + Self.rows(4) + "\n").path, "--store", store])
        let before = try cli.run(["hires", "list", "--json", "--store", store]).stdout
        var lines = (Self.header + "\n" + Self.rows(6)).components(separatedBy: "\n")
        var cells = lines[3].components(separatedBy: ",")
        if column == "类别" { cells[4] = badValue } else { cells[6] = badValue }
        lines[3] = cells.joined(separator: ",")
        let bad = try cli.file("bad.csv", lines.joined(separator: "\n") + "\n")
        let result = try cli.run(["hires", "import", bad.path, "--store", store])
        #expect(result.status == 65)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!message.contains("\n"))
        #expect(message.contains("bad.csv:4: column '\(column)'"))
        #expect(try cli.run(["hires", "list", "--json", "--store", store]).stdout == before)
    }

    @Test("the store is found from --store, then RENCAI_STORE, then the config's store:, then XDG_DATA_HOME")
    func storePrecedence() throws {
        var cli = try CLIRunner()
        let file = try cli.file("h.csv", Self.header + "\n" + Self.rows(1) + "\n").path
        let xdg = cli.home.appendingPathComponent("xdg")
        cli.environment["XDG_DATA_HOME"] = xdg.path
        try cli.run(["hires", "import", file])
        #expect(FileManager.default.fileExists(atPath: xdg.appendingPathComponent("rencai/rencai.sqlite").path))

        _ = try cli.file("rencai.yaml", "store: from-config.sqlite\n")
        try cli.run(["hires", "import", file])
        #expect(FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("from-config.sqlite").path))

        cli.environment["RENCAI_STORE"] = cli.home.appendingPathComponent("from-env.sqlite").path
        try cli.run(["hires", "import", file])
        #expect(FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("from-env.sqlite").path))

        try cli.run(["hires", "import", file, "--store", cli.home.appendingPathComponent("from-flag.sqlite").path])
        #expect(FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("from-flag.sqlite").path))
    }

    @Test("a configuration file that is not YAML is a configuration error (78)")
    func badConfig() throws {
        let cli = try CLIRunner()
        let config = try cli.file("bad.yaml", "store: [unclosed\n")
        let result = try cli.run(["hires", "list", "--config", config.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("bad.yaml"))
    }
}
