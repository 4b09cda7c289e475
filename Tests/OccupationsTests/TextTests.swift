import Testing
import RencaiCore
@testable import Occupations

@Suite("Text normalisation, stemming and the lexicon")
struct TextTests {
    @Test("job-board noise is removed", arguments: [
        ("抖音运营（郓城）五险一金 月入过万", "抖音运营"),
        ("Java开发工程师（急招）8k-12k", "java开发工程师"),
        ("ＪＡＶＡ开发", "java开发"),
        ("客服4000元+包吃住", "客服"),
        ("泰兴市王蕾蒂烘焙店招聘餐饮学徒", "餐饮学徒"),
        ("Sr. ML Engineers - Shanghai", "sr ml engin|shanghai"),
        ("销售代表-长治", "销售代表|长治"),
        ("🔥急招🔥 电话客服 双休", "电话客服"),
    ])
    func noise(input: String, expected: String) {
        #expect(JobTextNormalizer.input(input) == expected)
    }

    @Test("terms keep their words and split on slashes")
    func terms() {
        #expect(JobTextNormalizer.term("土木/土建工程师") == ["土木", "土建工程师"])
        #expect(JobTextNormalizer.term("高薪诚聘") == ["高薪诚聘"])
    }

    @Test("inflections meet", arguments: [
        ["engineer", "engineers", "engineering"],
        ["manager", "managers", "managing", "management"],
        ["teacher", "teachers", "teaching"],
        ["developer", "developers", "development"],
    ])
    func stems(words: [String]) {
        let stems = Set(words.map(EnglishStemmer.stem))
        #expect(stems.count == 1, "\(words) → \(stems)")
    }

    @Test("the lexicon prefers the longest phrase")
    func lexicon() {
        let lex = lexiconForTests()
        let t = lex.translate(JobTextNormalizer.input("Senior Software Engineer"))
        #expect(t.map(\.chinese) == ["软件工程师"])
        let t2 = lex.translate(JobTextNormalizer.input("Machine Learning Engineer"))
        #expect(t2.map(\.chinese) == ["机器学习", "工程师"])
        #expect(lex.translate("软件").isEmpty)
    }
}

@Suite("Loader fast paths agree with RencaiCore")
struct FastPathTests {
    @Test("cells", arguments: ["软件工程师", "Java开发", "  两边 空格  ", "ＡＢＣ", "a\tb", "计算机软件工程技术人员S"])
    func cells(text: String) {
        #expect(FastText.cell(text) == TextNormalizer.cell(text))
    }
}
