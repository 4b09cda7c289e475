import Foundation
import Occupations
import RencaiCore

extension DemoSteps {
    static let classify = DemoStep(title: "Classify job titles (Chinese and English) against the bundled occupation list") { ctx in
        let bundled = try BundledClassification.load(resources: ctx.resources)
        let lexicon = try Lexicon.load(contentsOf: ctx.resources.url(Lexicon.relativePath))
        let store = OccupationStore(store: ctx.store)
        // A company decision recorded earlier: this exact title is a digital-marketing job.
        try store.confirm(ConfirmedMapping(text: "增长黑客", code: OccupationCode("4-01-06-02")!, note: "demo"))
        let index = OccupationIndex(classification: bundled.classification, lexicon: lexicon, confirmed: try store.mappings())
        let classifier = OccupationClassifier(index: index)
        print("bundled list: \(bundled.classification.count) entries, \(bundled.classification.occupationCount) occupations; lexicon \(lexicon.entries.count) English phrases")
        print("the company's own decision, recorded first (rencai classify --confirm 4-01-06-02 增长黑客): it ranks first below")
        let samples = ["Java开发工程师（急招）8k-12k 五险一金", "Sr. Machine Learning Engineer - Shanghai", "秦皇岛高中日语教师",
                       "外籍英语老师（幼儿园）", "Financial Controller (CFO) – Suzhou", "增长黑客"]
        for text in samples {
            let r = classifier.classify(text, top: 3)
            print("\n\(text)")
            for c in r.candidates {
                print("  \(c.code)  \(c.title)\(c.titleEN.map { " (\($0))" } ?? "")  \(String(format: "%.1f", c.score))  ← \(c.matched.prefix(3).joined(separator: ", "))")
            }
            if r.review { print("  review: true\(r.group.map { " (shared group \($0.code) \($0.title))" } ?? "")") }
        }
    }
}
