import Foundation
import RencaiCore
import Portals
import SamplePortal
import Testing

@Suite("Outcome classification, bot-wall negatives, charset detection, Retry-After, backoff")
struct ClassificationTests {
    static let page = Data("<html><body><table><tr><td>2-02-10</td></tr></table></body></html>".utf8)

    @Test("the outcome of a response given the previous hash", arguments: [
        (200, nil as String?, FetchOutcome.Kind.firstSeen),
        (200, ContentHash.sha256Hex(page), .unchanged),
        (200, "0000", .changed),
        (304, "0000", .notModified),
        (404, "0000", .error),
        (500, nil, .error),
        (429, nil, .error),
    ])
    func classify(status: Int, previous: String?, expected: FetchOutcome.Kind) {
        let outcome = FetchOutcome.classify(status: status, headers: HTTPHeaders(), body: Self.page, previousContentHash: previous)
        #expect(outcome.kind == expected)
    }

    @Test("an ordinary page with scripts and tables is not a wall")
    func normalPageNotWall() {
        let body = Data("""
        <html><head><script>var _hmt = _hmt || []; document.cookie = "a=b";</script></head>
        <body><table><tr><td>2-02-10</td></tr></table><script>location.href.indexOf('x')</script></body></html>
        """.utf8)
        #expect(BotWallDetector.detect(status: 200, headers: HTTPHeaders(), body: body) == nil)
        #expect(BotWallDetector.detect(status: 412, headers: HTTPHeaders(), body: Data()) == nil)
    }

    @Test("cf-mitigated on any status is Cloudflare")
    func cloudflareHeader() {
        let headers = HTTPHeaders([HTTPHeader(name: "CF-Mitigated", value: "challenge")])
        #expect(BotWallDetector.detect(status: 200, headers: headers, body: Data())?.vendor == .cloudflare)
    }

    @Test("meta charset forms", arguments: [
        ("<meta charset=\"gbk\">", "gbk"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">", "gb2312"),
        ("<meta charset='utf-8'/>", "utf-8"),
        ("<meta name=\"viewport\" content=\"width=device-width\">", nil),
    ] as [(String, String?)])
    func metaCharset(html: String, label: String?) {
        #expect(CharsetDetector.metaCharsetLabel(Data(("<html><head>" + html).utf8)) == label)
    }

    @Test("a <meta> beyond the first 1024 bytes is not used")
    func metaWindow() {
        let late = String(repeating: " ", count: 1100) + "<meta charset=\"gbk\">"
        #expect(CharsetDetector.metaCharsetLabel(Data(late.utf8)) == nil)
    }

    @Test("header beats BOM beats meta")
    func precedence() {
        let gbkBody = Data([0x3C, 0x6D, 0x65, 0x74, 0x61, 0x20, 0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74, 0x3D, 0x75, 0x74, 0x66, 0x2D, 0x38, 0x3E]) + "中文".data(using: TextDecoding.gb18030)!
        let decoded = CharsetDetector.decode(gbkBody, contentType: "text/html; charset=gbk")
        #expect(decoded.source == .header)
        #expect(decoded.string?.hasSuffix("中文") == true)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<meta charset=gbk>好".utf8)
        #expect(CharsetDetector.decode(bom, contentType: "text/html").source == .bom)
        #expect(CharsetDetector.decode(Data("<p>x</p>".utf8), contentType: nil).source == .guessed)
    }

    @Test("an unsupported declared charset is reported, not guessed")
    func unsupportedCharset() {
        let decoded = CharsetDetector.decode(Data("abc".utf8), contentType: "text/html; charset=big5")
        #expect(decoded.problem == .unsupportedCharset(label: "big5"))
    }

    @Test("Retry-After as seconds or an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds("120", now: now) == 120)
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT: a literal date catches a wrong pattern too.
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:14:50 GMT", now: now) == 90)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds(nil, now: now) == nil)
    }

    @Test("full-jitter backoff stays under the exponential ceiling")
    func backoffCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 30)
        #expect(policy.backoff(afterAttempt: 1, random: 0.999) < 1)
        #expect(policy.backoff(afterAttempt: 3, random: 0.999) < 4)
        #expect(policy.backoff(afterAttempt: 3, random: 0.999) > 3.9)
        #expect(policy.backoff(afterAttempt: 9, random: 0.999) <= 30)
        #expect(policy.backoff(afterAttempt: 4, random: 0) == 0)
    }
}


@Suite("The libcurl build")
struct CurlCapabilityTests {
    @Test("the encodings offered are the ones the server saw in Accept-Encoding")
    func encodingsOffered() async throws {
        try await withPortal { f in
            _ = await f.fetch(SamplePortalPaths.shanghaiCatalogue)
            let sent = f.portal.requests(to: SamplePortalPaths.shanghaiCatalogue).last?.headers["accept-encoding"] ?? ""
            let offered = Set(sent.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(offered == Set(CurlCapabilities.current.encodings))
        }
    }
}
