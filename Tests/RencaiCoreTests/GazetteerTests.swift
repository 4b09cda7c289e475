import Foundation
import Testing
@testable import RencaiCore

@Suite("Gazetteer: one canonical name for 上海, 上海市 and Shanghai")
struct GazetteerTests {
    let gazetteer: Gazetteer

    init() throws {
        gazetteer = try Gazetteer.bundled(try ResourceLocator.locate(environment: [:], executable: nil))
    }

    @Test("provinces in Chinese or English", arguments: [
        ("上海", "Shanghai"), ("上海市", "Shanghai"), ("shanghai", "Shanghai"), ("广东省", "Guangdong"),
        ("Guangdong Province", "Guangdong"), ("内蒙古自治区", "Inner Mongolia"), ("新疆维吾尔自治区", "Xinjiang"),
        ("ＳＨＡＮＧＨＡＩ", "Shanghai"),
    ])
    func provinces(input: String, canonical: String) {
        #expect(gazetteer.province(named: input)?.name == canonical)
    }

    @Test("cities resolve with their province")
    func cities() {
        #expect(gazetteer.city(named: "深圳市")?.city.name == "Shenzhen")
        #expect(gazetteer.city(named: "Shenzhen")?.province.name == "Guangdong")
        #expect(gazetteer.city(named: "Atlantis") == nil)
    }

    @Test("suggests near names for typos")
    func suggestions() {
        #expect(gazetteer.suggestions(for: "Shangai").contains("Shanghai"))
        #expect(gazetteer.suggestions(for: "Shenzen").contains("Shenzhen"))
    }
}
