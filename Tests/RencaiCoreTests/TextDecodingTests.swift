import Foundation
import Testing
@testable import RencaiCore

@Suite("Text decoding: UTF-8, BOM, GB18030")
struct TextDecodingTests {
    @Test("decodes GB18030 including 4-byte sequences")
    func gb18030() throws {
        let text = "职业代码 𠀀 上海"
        let data = try #require(text.data(using: TextDecoding.gb18030))
        #expect(try TextDecoding.decode(data, as: .gb18030).get() == text)
        #expect(try TextDecoding.decodeGuessing(data).get().1 == .gb18030)
    }

    @Test("maps gb2312 and gbk labels to GB18030")
    func labels() {
        #expect(TextDecoding.Charset(label: "GB2312") == .gb18030)
        #expect(TextDecoding.Charset(label: "\"gbk\"") == .gb18030)
        #expect(TextDecoding.Charset(label: "UTF-8") == .utf8)
        #expect(TextDecoding.Charset(label: "koi8-r") == nil)
    }

    @Test("reports the offset of the first invalid byte")
    func invalidOffset() {
        let data = Data("abc".utf8) + Data([0xFF, 0x41])
        guard case .failure(let failure) = TextDecoding.decode(data, as: .utf8) else {
            Issue.record("invalid UTF-8 decoded"); return
        }
        #expect(failure.offset == 3)
        let gb = Data("ab".utf8) + Data([0x81, 0x20])
        guard case .failure(let f2) = TextDecoding.decode(gb, as: .gb18030) else {
            Issue.record("invalid GB18030 decoded"); return
        }
        #expect(f2.offset == 2)
    }

    @Test("skips a UTF-8 BOM")
    func bom() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("工号".utf8)
        #expect(try TextDecoding.decodeGuessing(data).get().0 == "工号")
    }
}
