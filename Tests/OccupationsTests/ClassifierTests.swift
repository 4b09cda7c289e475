import Foundation
import Testing
import Occupations
import RencaiCore

@Suite("Classifier")
struct ClassifierTests {
    func classifier(confirmed: [ConfirmedMapping] = []) throws -> OccupationClassifier {
        OccupationClassifier(index: OccupationIndex(classification: try miniClassification(), lexicon: lexiconForTests(), confirmed: confirmed))
    }

    @Test("a noisy Chinese title finds its keyword and says so")
    func chineseKeyword() throws {
        let r = try classifier().classify("Java开发（急招）8k-12k 五险一金", top: 3)
        let first = try #require(r.candidates.first)
        #expect(first.code == "2-02-10-03")
        #expect(first.matched.contains { $0.contains("java开发") })
        #expect(r.candidates.count <= 3)
    }

    @Test("an English title reaches a Chinese-only entry through the lexicon")
    func englishThroughLexicon() throws {
        // 2-02-38-01 has the Chinese keyword 机器学习 and no English keyword "machine learning".
        let r = try classifier().classify("Machine Learning Engineer", top: 3)
        #expect(r.candidates.first?.code == "2-02-38-01")
        #expect(r.candidates.first?.matched.contains { $0.hasPrefix("en:") } == true)
    }

    @Test("the longest match wins over the words inside it")
    func longestMatch() throws {
        let r = try classifier().classify("高中教师（数学）", top: 3)
        #expect(r.candidates.first?.code == "2-08-02-01")
    }

    @Test("a minor group's match goes to its occupations, the first one winning a tie")
    func groupFlowsToChildren() throws {
        let r = try classifier().classify("销售", top: 3)
        #expect(r.candidates.first?.code == "4-01-02-01")
        #expect(r.candidates.first?.matched.contains { $0.hasPrefix("group 4-01-02") } == true)
    }

    @Test("a group among the candidates gives its place to its best occupation")
    func occupationsFirst() throws {
        let index = OccupationIndex(classification: try miniClassification(), lexicon: lexiconForTests())
        var groupsKept = OccupationClassifier.Tuning()
        groupsKept.occupationsFirst = false
        let before = OccupationClassifier(index: index, tuning: groupsKept).classify("中小学教师", top: 3)
        #expect(before.candidates.first?.code == "2-08-02")
        let r = OccupationClassifier(index: index).classify("中小学教师", top: 3)
        let first = try #require(r.candidates.first)
        #expect(OccupationCode(first.code)?.level == .occupation)
        #expect(first.code.hasPrefix("2-08-02-"))
        #expect(!r.candidates.contains { $0.code == "2-08-02" })
    }

    @Test("text without any known word gives no candidate and asks for review")
    func nothing() throws {
        let r = try classifier().classify("zzzz qqqq", top: 5)
        #expect(r.candidates.isEmpty)
        #expect(r.review)
    }

    @Test("close candidates ask for review and name the shared group")
    func reviewAndBackoff() throws {
        let r = try classifier().classify("中学教师", top: 5)
        #expect(r.review)
        #expect(r.group?.code == "2-08-02")
    }

    @Test("a confirmed mapping ranks its code first for the same and a very close text")
    func confirmed() throws {
        let c = try classifier(confirmed: [ConfirmedMapping(text: "增长黑客", code: OccupationCode("4-01-02-03")!)])
        let same = c.classify("增长黑客", top: 3)
        #expect(same.candidates.first?.code == "4-01-02-03")
        #expect(same.candidates.first?.matched.first?.hasPrefix("confirmed") == true)
        let close = c.classify("增长黑客（急招）", top: 3)
        #expect(close.candidates.first?.code == "4-01-02-03")
        let unrelated = c.classify("软件工程师", top: 3)
        #expect(unrelated.candidates.first?.code == "2-02-10-03")
    }

    @Test("a confirmed mapping to a code outside the classification is reported, not used")
    func unmatchedConfirmed() throws {
        let index = OccupationIndex(classification: try miniClassification(),
                                    confirmed: [ConfirmedMapping(text: "调香师", code: OccupationCode("6-11-10-07")!)])
        #expect(index.unmatchedConfirmed.map(\.text) == ["调香师"])
        #expect(OccupationClassifier(index: index).classify("调香师").candidates.first?.code != "6-11-10-07")
    }

    @Test("a 10 MB description is classified by its beginning, not refused")
    func huge() throws {
        let text = "软件工程师" + String(repeating: "负责日常工作。", count: 1_500_000)
        let r = try classifier().classify(text, top: 2)
        #expect(r.candidates.first?.code == "2-02-10-03")
        #expect(r.input.utf8.count > 10_000_000)
    }

    @Test("no catalogue is loaded until catalogues exist")
    func catalogue() throws {
        let m = try NoCatalogueLookup().membership(of: OccupationCode("2-02-10-03")!, edition: "2022", province: "Beijing")
        #expect(m == .noCatalogueLoaded(province: "Beijing"))
        #expect(m.summary.contains("no guiding catalogue"))
    }

    @Test("the full csco22 classification codes common titles",
          .enabled(if: Paths.hasShared, "needs ../shared/data/csco22.csv"),
          arguments: [("Java开发工程师", "2-02-10-03"), ("高中数学教师", "2-08-02-01"), ("新媒体运营专员", "4-13-01-05")])
    func fullClassification(title: String, code: String) throws {
        let cls = try ClassificationLoader.load(contentsOf: Paths.csco22).classification
        let lexicon = try Lexicon.load(contentsOf: Paths.templates.appendingPathComponent(Lexicon.relativePath))
        let r = OccupationClassifier(index: OccupationIndex(classification: cls, lexicon: lexicon)).classify(title, top: 5)
        #expect(r.candidates.first?.code == code)
    }
}
