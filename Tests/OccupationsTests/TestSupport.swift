import Foundation
import Occupations
import RencaiCore

/// Paths of the checkout and of ../shared (reference data, never copied into the repository).
enum Paths {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = checkout.appendingPathComponent("Templates")
    static let fixtures = checkout.appendingPathComponent("Fixtures")
    static let shared = checkout.deletingLastPathComponent().appendingPathComponent("shared")
    static let csco22 = shared.appendingPathComponent("data/csco22.csv")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: csco22.path) }
}

/// Writes text to a fresh temporary file and returns its URL.
func temporaryFile(_ text: String, name: String = "file.csv") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("occ-tests-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// A small hand-written classification (codes and Chinese titles are official; the rest is test data).
func miniClassification() throws -> Classification {
    let csv = """
    code,title,parent,title_en,markers,keywords
    2,专业技术人员,,Professional and technical personnel,,
    2-02,工程技术人员,2,Engineering and technical personnel,,
    2-02-10,信息和通信工程技术人员,2-02,,,
    2-02-10-03,计算机软件工程技术人员,2-02-10,Software engineers,S,软件工程师;java开发;程序员
    2-02-10-04,计算机网络工程技术人员,2-02-10,Computer network engineers,S,网络工程师
    2-02-38,数字技术工程技术人员,2-02,,,
    2-02-38-01,人工智能工程技术人员,2-02-38,Artificial intelligence engineers,S,算法工程师;机器学习
    2-08,教学人员,2,Teaching personnel,,
    2-08-02,中小学教师,2-08,,,
    2-08-02-01,高级中学教师,2-08-02,Senior secondary school teachers,,高中教师
    2-08-02-03,初级中学教师,2-08-02,Junior secondary school teachers,,初中教师
    4,社会生产服务和生活服务人员,,,,
    4-01,批发与零售服务人员,4,,,
    4-01-02,销售人员,4-01,Sales personnel,,销售
    4-01-02-01,营销员,4-01-02,Salespeople,,销售代表
    4-01-02-03,商品营业员,4-01-02,Shop sales assistants,,营业员
    """
    return try ClassificationLoader.load(contentsOf: temporaryFile(csv)).classification
}

func lexiconForTests() -> Lexicon {
    Lexicon(entries: ["software engineer": ["软件工程师"], "machine learning": ["机器学习"], "engineer": ["工程师"],
                      "teacher": ["教师"], "high school": ["高中"]])
}
