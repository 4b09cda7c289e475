import Portals
import Testing

@Suite("robots.txt rules (RFC 9309)")
struct RobotsTxtTests {
    static let text = """
    # comment
    User-agent: *
    Disallow: /private/
    Allow: /private/public
    Disallow: /*.xls$
    Disallow: /search?

    User-agent: rencai
    User-agent: other
    Disallow: /only-for-rencai/
    """

    @Test("paths for a crawler without its own group", arguments: [
        ("/", true), ("/private/a.html", false), ("/private/public-notice.html", true),
        ("/files/list.xls", false), ("/files/list.xlsx", true), ("/search?q=1", false), ("/searching", true),
        ("/robots.txt", true),
    ])
    func starGroup(path: String, allowed: Bool) {
        #expect(RobotsTxt(text: Self.text).allows(path: path, productToken: "somebot") == allowed)
    }

    @Test("a crawler with its own group ignores the * group", arguments: [
        ("/private/a.html", true), ("/only-for-rencai/x", false),
    ])
    func ownGroup(path: String, allowed: Bool) {
        #expect(RobotsTxt(text: Self.text).allows(path: path, productToken: "Rencai") == allowed)
    }

    @Test("Allow wins a tie of equal length; empty Disallow allows all")
    func tiesAndEmpty() {
        let tie = RobotsTxt(text: "User-agent: *\nDisallow: /page\nAllow: /page\n")
        #expect(tie.allows(path: "/page", productToken: "rencai"))
        #expect(RobotsTxt(text: "User-agent: *\nDisallow:\n").allows(path: "/x", productToken: "rencai"))
    }

    @Test("blanket answers for 4xx and 5xx")
    func blanket() {
        #expect(RobotsTxt.allowAll.allows(path: "/anything", productToken: "rencai"))
        #expect(!RobotsTxt.disallowAll.allows(path: "/anything", productToken: "rencai"))
    }
}
