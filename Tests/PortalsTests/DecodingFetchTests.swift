import Foundation
import Portals
import RencaiCore
import SamplePortal
import Testing

@Suite("Charsets, content encodings and attachments through libcurl")
struct DecodingFetchTests {
    @Test("a GBK page declared only in <meta> is decoded as GB18030")
    func gbkFromMeta() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.guangdongGBKNotice)
            let text = try #require(result.response?.text)
            #expect(result.response?.contentType == "text/html")
            #expect(text.source == .meta)
            #expect(text.declaredLabel == "gb2312")
            #expect(text.charset == .gb18030)
            #expect(text.string?.contains("关于发布广东省紧缺急需人才目录的通知") == true)
            #expect(text.problem == nil)
        }
    }

    @Test("a charset declared only in the Content-Type header wins")
    func charsetFromHeader() async throws {
        try await withPortal { f in
            let text = try #require(await f.fetch(SamplePortalPaths.zhejiangHeaderCharset).response?.text)
            #expect(text.source == .header)
            #expect(text.charset == .gb18030)
            #expect(text.string?.contains("浙江省外国高端人才认定标准") == true)
        }
    }

    @Test("invalid bytes are reported with their offset, not replaced")
    func invalidBytesOffset() async throws {
        try await withPortal { f in
            let text = try #require(await f.fetch(SamplePortalPaths.brokenUTF8).response?.text)
            #expect(text.string == nil)
            #expect(text.problem == .invalidBytes(charset: .utf8, offset: 89))
        }
    }

    @Test("Accept-Encoding is sent and a gzip body arrives decoded")
    func gzipDecoded() async throws {
        try await withPortal { f in
            let result = await f.fetch(SamplePortalPaths.gzipPage)
            #expect(result.response?.text?.string?.contains("这个页面以 gzip 压缩传输。") == true)
            let acceptEncoding = f.portal.requests(to: SamplePortalPaths.gzipPage).last?.headers["accept-encoding"] ?? ""
            #expect(acceptEncoding.contains("gzip"))
            #expect(acceptEncoding.contains("br") || acceptEncoding.contains("zstd") || acceptEncoding.contains("deflate"))
        }
    }

    @Test("the XLSX attachment behind the notice list arrives intact and is not decoded as text")
    func xlsxBehindNoticeList() async throws {
        try await withPortal { f in
            let list = try #require(await f.fetch(SamplePortalPaths.beijingNoticeList).response?.text?.string)
            #expect(list.contains(SamplePortalPaths.beijingNotice))
            let notice = try #require(await f.fetch(SamplePortalPaths.beijingNotice).response?.text?.string)
            #expect(notice.contains(SamplePortalPaths.beijingAttachment))
            let attachment = try #require(await f.fetch(SamplePortalPaths.beijingAttachment).response)
            #expect(attachment.text == nil)
            #expect(attachment.contentType?.contains("spreadsheetml") == true)
            let table = try XLSXReader.readFirstSheet(data: attachment.body, source: "urgent-need-2025.xlsx")
            #expect(table.header.contains("职业代码"))
            #expect(table.rows.contains { $0.cells.contains("2-05-01") })
        }
    }

    @Test("the User-Agent names rencai and the configured contact")
    func honestUserAgent() async throws {
        try await withPortal { f in
            _ = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            let agent = f.portal.requests(to: SamplePortalPaths.shanghaiCatalogue).last?.headers["user-agent"] ?? ""
            #expect(agent.hasPrefix("rencai/"))
            #expect(agent.contains("tests@example.com"))
        }
    }
}
