import Testing
@testable import RencaiCore

@Suite("OccupationCode normalisation")
struct OccupationCodeTests {
    @Test("normalises dashes, full-width digits and digit runs", arguments: [
        ("2-02-10-03", "2-02-10-03"), ("２－０２－１０－０３", "2-02-10-03"), ("2—02—10—03", "2-02-10-03"),
        ("2 02 10 03", "2-02-10-03"), ("2021003", "2-02-10-03"), ("20210", "2-02-10"), ("2-02-10", "2-02-10"),
        ("2-02-00-00", "2-02"), ("2-00-00-00", "2"), ("1-02-01-00", "1-02-01-00"), (" 4–01–02–00 ", "4-01-02-00"),
        // The canonical ASCII forms take a fast path; it must agree with the general one.
        ("2", "2"), ("8", "8"), ("2-02", "2-02"), ("2-02-10-00", "2-02-10-00"), ("4-01-00-00", "4-01"), ("２-02", "2-02"),
    ])
    func normalises(input: String, expected: String) {
        #expect(OccupationCode(input)?.text == expected)
    }

    @Test("rejects what is not a code", arguments: ["", "abc", "9-01-01-01", "2-2-10-03", "2-02-10-03-01", "202103", "职业",
                                                       "9-01", "2-2-10", "x", "0", "0-01", "2-0a-10", "2-02-1", "2-02-10-03x"])
    func rejects(input: String) {
        #expect(OccupationCode(input) == nil)
    }

    @Test("codes are equal, hashed and ordered as their groups are, however they were made")
    func valueSemantics() {
        let texts = ["1", "2", "8", "2-02", "2-02-10", "2-02-10-00", "2-02-10-03", "2-02-09-99", "2-03", "4-01-02-00",
                     "8-99-99-99", "２－０２－１０－０３", "2021003", "20210"]
        let codes = texts.map { OccupationCode($0)! } + [OccupationCode(parts: [2, 300, 1]), OccupationCode(parts: [2, 2, 10, 3])]
        for a in codes {
            #expect(OccupationCode(parts: a.parts) == a)
            #expect(OccupationCode(parts: a.parts).hashValue == a.hashValue)
            #expect(a.groupCount == a.parts.count)
            #expect((0..<a.groupCount).map(a.group) == a.parts)
            for b in codes {
                #expect((a == b) == (a.parts == b.parts), "\(a) == \(b)")
                #expect((a < b) == a.parts.lexicographicallyPrecedes(b.parts), "\(a) < \(b)")
            }
        }
        #expect(OccupationCode("2-02-10-03") == OccupationCode("２－０２－１０－０３"))
        #expect(OccupationCode(parts: [2, 300, 1]).parts == [2, 300, 1])
    }

    @Test("groups contain their members, not their neighbours")
    func containment() {
        let occupation = OccupationCode("2-02-10-03")!
        #expect(OccupationCode("2-02-10")!.contains(occupation))
        #expect(OccupationCode("2-02")!.contains(occupation))
        #expect(OccupationCode("2")!.contains(occupation))
        #expect(!OccupationCode("2-02-11")!.contains(occupation))
        #expect(!occupation.contains(OccupationCode("2-02-10")!))
        #expect(occupation.parent?.text == "2-02-10")
        #expect(occupation.level == .occupation)
        #expect(OccupationCode("20210")!.level == .minor)
        #expect(OccupationCode("2-06-03-00")!.groupEquivalent.text == "2-06-03")
        #expect(OccupationCode("2-02")!.paddedText == "2-02-00-00")
    }
}
