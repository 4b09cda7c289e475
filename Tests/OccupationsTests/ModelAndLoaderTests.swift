import Foundation
import Testing
import Occupations
import RencaiCore

@Suite("Classification model and loaders")
struct ModelAndLoaderTests {
    @Test("markers are split off official titles", arguments: [
        ("物流服务师L", "物流服务师", "L"),
        ("计算机软件工程技术人员S", "计算机软件工程技术人员", "S"),
        ("大地测量工程技术人员L/S", "大地测量工程技术人员", "SL"),
        ("律师", "律师", ""),
        ("Java", "Java", ""),
    ])
    func markers(raw: String, title: String, markers: String) {
        let (t, m) = Occupation.splitMarkers(raw)
        #expect(t == title)
        #expect(m.map(\.rawValue).sorted(by: >).joined() == markers)
    }

    @Test("the csco22 layout loads levels, merges repeated codes and reports them by line")
    func csco22Layout() throws {
        let csv = """
        level,code,code_num,name,definition,tasks,csco_code_num,alias
        1,2-00-00-00,2000000,专业技术人员,,,2000000,专业技术人员
        2,2-02-00-00,2020000,工程技术人员,,,2020000,工程技术人员
        3,2-02-10-00,2021000,信息和通信工程技术人员,,,2021000,信息和通信工程技术人员
        4,2-02-10-03,2021003,计算机软件工程技术人员S,定义,,2021003,"Java开发,软件工程师,计算机软件工程技术人员S"
        4,2-02-10-03,2021003,计算机软件工程技术人员S,定义,,2021003,"Golang"
        4,2-05-08-00,2050800,护理人员,,,2050800,护士
        """
        let loaded = try ClassificationLoader.load(contentsOf: temporaryFile(csv))
        let cls = loaded.classification
        #expect(cls.count == 5)
        let software = try #require(cls[OccupationCode("2-02-10-03")!])
        #expect(software.markers == [.digital])
        #expect(software.titleZH == "计算机软件工程技术人员")
        #expect(software.aliases == ["Java开发", "软件工程师", "Golang"])
        #expect(cls[OccupationCode("2-02-10")!]?.level == .minor)
        #expect(cls[OccupationCode("2-05-08-00")!]?.level == .occupation)
        #expect(loaded.issues.count == 1)
        #expect(loaded.issues.first?.line == 6)
        #expect(cls.children(of: OccupationCode("2-02")!).map(\.code.text) == ["2-02-10"])
        #expect(cls.ancestors(of: OccupationCode("2-02-10-03")!).map(\.code.text) == ["2", "2-02", "2-02-10"])
    }

    @Test("a malformed code stops loading and names the line")
    func malformedCode() throws {
        let url = try temporaryFile("code,title\n2-02-10-03,软件\n2-2-10,坏代码\n")
        #expect {
            try ClassificationLoader.load(contentsOf: url)
        } throws: { error in
            (error as? InputError)?.message.contains(":3:") == true && (error as? InputError)?.message.contains("2-2-10") == true
        }
    }

    @Test("a parent that does not contain the code is refused")
    func wrongParent() throws {
        let url = try temporaryFile("code,title,parent\n2-02-10-03,软件,2-08\n")
        #expect(throws: InputError.self) { try ClassificationLoader.load(contentsOf: url) }
    }

    @Test("an empty title is refused")
    func emptyTitle() throws {
        let url = try temporaryFile("code,title\n2-02-10-03,\n")
        #expect(throws: InputError.self) { try ClassificationLoader.load(contentsOf: url) }
    }

    @Test("a file without a code column is refused")
    func noCodeColumn() throws {
        let url = try temporaryFile("名称,title\n软件,软件\n")
        #expect(throws: InputError.self) { try ClassificationLoader.load(contentsOf: url) }
    }

    @Test("the bundled list has the hierarchy and at least 150 occupations with English titles")
    func bundled() throws {
        let loaded = try BundledClassification.load(resources: ResourceLocator(root: Paths.templates))
        #expect(loaded.issues.isEmpty)
        let cls = loaded.classification
        let described = cls.entries.filter { $0.level == .occupation && $0.titleEN != nil }
        #expect(described.count >= 150)
        #expect(cls.entries.filter { $0.level == .major }.count == 8)
        // Every entry below a major group has its enclosing major group in the list.
        for e in cls.entries where e.level != .major {
            #expect(cls[e.code.truncated(to: .major)] != nil, "no major group for \(e.code)")
        }
        #expect(cls[OccupationCode("2-02-38-01")!]?.titleZH == "人工智能工程技术人员")
        #expect(cls.search("software engineer").first?.code.text == "2-02-10-03")
    }

    @Test("search finds by code, Chinese title and keyword")
    func search() throws {
        let cls = try miniClassification()
        #expect(cls.search("20210").first?.code.text == "2-02-10")
        #expect(cls.search("营销员").first?.code.text == "4-01-02-01")
        #expect(cls.search("java开发").map(\.code.text) == ["2-02-10-03"])
        #expect(cls.search("   ").isEmpty)
    }
}

@Suite("Enrichment")
struct EnrichmentTests {
    @Test("a user's classification gains English titles and keywords where codes agree, and keeps its own titles")
    func enriched() throws {
        let user = try ClassificationLoader.load(contentsOf: temporaryFile("code,title\n2-02-10-03,计算机软件工程技术人员\n2-02-10-04,用户自己的网络工程名称\n")).classification
        let bundled = try miniClassification()
        let e = user.enriched(with: bundled)
        #expect(e.count == user.count)
        #expect(e[OccupationCode("2-02-10-03")!]?.titleEN == "Software engineers")
        #expect(e[OccupationCode("2-02-10-03")!]?.keywords.contains("java开发") == true)
        #expect(e[OccupationCode("2-02-10-04")!]?.titleZH == "用户自己的网络工程名称")
        #expect(user[OccupationCode("2-02-10-03")!]?.titleEN == nil)
    }
}
