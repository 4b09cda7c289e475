import Foundation
import Testing
@testable import Catalogues

/// HTMLPage reads pages with its fast byte scan, or with libxml2's SAX events where the scan declines;
/// these tests hold both readers to what a walk of libxml2's own tree gives (``DOMReferencePage``, the
/// reader they replaced), table for table, cell for cell and link for link.
@Suite("HTML readers agree with libxml2's tree")
struct HTMLReaderEquivalenceTests {
    static let base = URL(string: "http://portal.example/dir/page.html")!

    /// Checks the page, and each reader on its own, against the tree; returns which reader HTMLPage used.
    @discardableResult
    static func expectSame(_ data: Data, contentType: String? = nil, _ label: String) throws -> HTMLPage.Reader {
        let reference = try DOMReferencePage(data: data, contentType: contentType, url: base)
        let page = try HTMLPage(data: data, contentType: contentType, url: base)
        #expect(page.tables == reference.tables, "\(label): tables differ (read by \(page.reader))")
        #expect(page.links == reference.links, "\(label): links differ (read by \(page.reader))")
        var text = try HTMLPage.text(of: data, contentType: contentType, name: label)
        let sax = text.withUTF8 { LibXMLTableReader.read($0, url: base) }
        #expect(sax?.tables == reference.tables, "\(label): libxml2 reader's tables differ")
        #expect(sax?.links == reference.links, "\(label): libxml2 reader's links differ")
        if case .read(let tables, let links) = text.withUTF8({ FastTableReader.read($0, base: base) }) {
            #expect(page.reader == .fast)
            #expect(tables == reference.tables, "\(label): fast reader's tables differ")
            #expect(links == reference.links, "\(label): fast reader's links differ")
        }
        return page.reader
    }

    /// Markup that exercises each rule: spans, nesting, line breaks, hidden elements, blank text in the
    /// places where libxml2's tree builder keeps or drops it, unclosed and misplaced tags.
    static let snippets: [String] = [
        "<table><tr><th>职业代码<th>职业名称<tr><td>2-02-10-03<td>软件<tr><td>2-02-10-08<td>人工智能</table>",
        """
        <table><tr><td rowspan="3">信息</td><td colspan=2>a</td></tr><tr><td>b</td><td rowspan=0>c</td></tr>
        <tr><td colspan="x">d</td></tr><tr><td rowspan=" 2 ">e<td colspan=300>f</tr></table>
        """,
        "<table><tr><td>a<br>b<br/>c</td><td><p>x</p><div>y</div><li>z</li><h3>h</h3></td></tr></table>",
        "<table><tr><td>outer<table><tr><td>in1</td><td>in2</td></tr></table>tail</td><td>2</td></tr></table>",
        "<table><tbody><tr><td>1</td></tr></tbody><thead><tr><th>h</th></tr></thead><tfoot><tr><td>f</td></tr></tfoot></table>",
        "<table><caption>cap</caption><form><tr><td>in form</td></tr></form><tr><td><a href='x.html'>link <b>in</b> cell</a></td></tr></table>",
        "<table><tr><td>x<script>var a = '<td>no</td>';</script><style>td{}</style>y</td></tr></table>",
        "<noscript><table><tr><td>hidden</td></tr></table><a href='n.html'>no</a></noscript><template><table><tr><td>t</td></tr></table></template>",
        "<table><tr><td>a<noscript>ns</noscript><template>tp</template>b</td></tr></table>",
        "<table><tr><td><span>a</span> <span>b</span></td><td><sup>2</sup> <sub>x</sub></td><td><img src=i.png> <b>c</b></td></tr></table>",
        "<table><tr><td> <br> </td><td>\n  <em>e</em>\n  <i>i</i>\n</td><td><input> <select><option>o</option></select> t</td></tr></table>",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><html><body> <a href='a'>A</a> <a href='b'>B</a> <table> <tr> <td> x </td> </tr> </table></body></html>",
        "<!DOCTYPE html><html><head> <title>t</title> </head><body> <div> <a href=\"/abs\">abs</a> </div> </body></html>",
        "<table><tr><td>a<!-- c --> <!-- d -->b</td><td><?php echo 1 ?> x</td></tr></table>",
        "<table><tr><td>&amp;&nbsp;&lt;td&gt; &#x4E2D;&#25991;</td><td nowrap rowspan>v</td></tr></table>",
        "<a href=' javascript:void(0)'>js</a><a href='JavaScript:x()'>js2</a><a href=''>empty</a><a>none</a><a href='a b.html'>space</a>",
        "<a href='t.html'><table><tr><td>table in link</td></tr></table></a><a href='1'>one<a href='2'>two</a></a>",
        "<table><tr><td>1</td><tr><td>2</td></table><table></table><table><tr></tr><tr><td></td></tr></table>",
        "<p>text <table><tr><td>after p</td></tr></table> <ul><li><a href='l'>li link</a> </li> </ul>",
        "<table><tr><td>unclosed<table><tr><td>inner",
        "<html><body><html lang=x><body class=y><table><tr><td>misplaced html/body</td></tr></table>",
        "<table><tr><td>tab\there</td><td>cr\r\nlf</td><td>\u{3000}全角\u{3000}</td><td>𠀀🧑‍💻</td></tr></table>",
        "<table><tr><th>序号</th><th>职业代码</th></tr><tr><td><font>1</font> </td><td> <a href=c>2-02-10-03</a> </td></tr></table>",
        "<table><tr><td><table><tr><td>n1</td></tr><tr><td><table><tr><td>deep</td></tr></table></td></tr></table></td></tr></table>",
        "<center> <table><tr><td>c</td></tr></table> </center><dl><dt><a href='dt'>dt</a> <dd>dd</dl>",
        "no markup at all, just text",
        "<table><tr><td>a</td>\n<td>b</td>\n</tr>\n</table>\n<pre> <a href='p'>pre</a> </pre>",
    ] + mustDecline + [
        // Blank text after and inside each kind of element: libxml2 keeps it only next to elements that
        // allow text (its allowPCData list).
        "noscript", "noframes", "ul", "ol", "menu", "dir", "label", "button", "iframe", "object", "applet", "map",
        "textarea", "select", "address", "blockquote", "center", "dd", "dt", "pre", "tt", "u", "var", "q", "s",
        "abbr", "acronym", "bdo", "big", "small", "strike", "strong", "samp", "kbd", "cite", "code", "dfn", "del",
        "ins", "font", "legend", "fieldset", "nobr", "mark", "section", "article", "nav", "header", "footer", "main",
    ].map { "<table><tr><td>x<\($0)>y</\($0)> <b>z</b></td><td><\($0)> </\($0)>w</td><td><\($0)> <i>v</i></\($0)></td></tr></table>" }

    /// Pages where libxml2 moves or implies something in a way the fast reader does not follow: it must
    /// leave them to libxml2 (they are among ``snippets`` too, so both readers are held to the tree).
    static let mustDecline: [String] = [
        // A body tag inside <title>: libxml2 keeps it there, or implies <body> inside the title.
        "<head><title><b>x</b></title>hello<table><tr><td>a</td></tr></table>",
        "<html><head></head><title><b>t</b></title><table><tr><td>a</td></tr></table></html>",
        // Over 1,000 blank bytes before the body: libxml2's first piece of them is not blank to it.
        "<html><head>" + String(repeating: " ", count: 1200) + "<title>t</title></head><body><table><tr><td>a</td></tr></table></body></html>",
        "<table><tr><td>" + String(repeating: " \n", count: 600) + "</td></tr></table>",
        // Omitted end tags, a comment closed by --!>, a stray '<', an entity libxml2 knows and the reader does not.
        "<table><tr><td>a<td>b</table>",
        "<table><tr><td>a<!-- c --!>b</td></tr></table>",
        "<table><tr><td>a < b</td></tr></table>",
        "<table><tr><td>&hearts;</td></tr></table>",
    ]

    @Test("the fast reader leaves to libxml2 what libxml2 repairs or implies", arguments: mustDecline)
    func declines(page: String) throws {
        let read = try HTMLPage(data: Data(page.utf8), url: Self.base)
        #expect(read.reader != .fast, "the fast reader read \(page.debugDescription)")
    }

    @Test("synthetic pages", arguments: Array(snippets.indices))
    func snippet(index: Int) throws {
        try Self.expectSame(Data(Self.snippets[index].utf8), "snippet \(index)")
    }

    @Test("every HTML page in the fixtures")
    func fixtures() throws {
        let root = FixturePaths.checkout.appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { ["html", "htm"].contains($0.pathExtension.lowercased()) } ?? []
        #expect(files.count >= 20)
        var fast = 0
        for file in files {
            let data = try Data(contentsOf: file)
            // Pages whose bytes do not decode are refused by both readers alike.
            guard (try? DOMReferencePage(data: data, url: Self.base)) != nil else {
                #expect(throws: CatalogueError.self) { try HTMLPage(data: data, url: Self.base) }
                continue
            }
            if try Self.expectSame(data, file.lastPathComponent) == .fast { fast += 1 }
        }
        // The sample portal's pages are written the way portals write them: most are plain enough.
        #expect(fast >= files.count / 2, "the fast reader read only \(fast) of \(files.count) pages")
    }

    @Test("a generated 1,000-row catalogue page like the benchmark's")
    func largePage() throws {
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><table><tr><td colspan=\"6\">目录</td></tr>\n"
        html += "<tr><th>序号</th><th>职业代码</th><th>职业名称</th><th>学历</th><th>工作经验</th><th>备注</th></tr>\n"
        for r in 0..<1000 {
            html += "<tr><td>\(r + 1)</td><td>\(1 + r % 8)-0\(r % 10)-1\(r % 10)-0\(r % 7)</td><td>职业名称\(r)<br>工程技术人员</td><td>本科及以上</td><td>\(3 + r % 3)年</td><td><a href=\"r\(r).html\">来源</a></td></tr>\n"
        }
        html += "</table></body></html>\n"
        #expect(try Self.expectSame(Data(html.utf8), "generated") == .fast)
    }
}
