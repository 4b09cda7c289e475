import Foundation
import Testing
@testable import Catalogues
import RencaiCore

/// Thousands of small pages made at random (seeded, so a failure repeats) from the pieces portals write
/// and the ones they get wrong: tables with spans, nested tables, inline and block elements, links,
/// entities known and unknown, blank text in every place, comments, scripts, omitted and stray tags,
/// upper-case names. Whatever the fast reader accepts must be what libxml2's tree gives; what it
/// declines goes to libxml2 and must be too.
@Suite("HTML readers agree with libxml2's tree on generated pages")
struct GeneratedPageEquivalenceTests {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    struct PageMaker {
        var random: Random
        /// Per cent chance of each kind of irregularity: 0 makes plain pages only.
        let mess: Int

        mutating func blank() -> String {
            random.pick(["", "", " ", "\n", "\n  ", "\t", "\r\n", "  \n\t "])
        }

        mutating func word() -> String {
            random.pick(["职业代码", "2-02-10-03", "软件工程师", "本科", "3年", "AI", "x", "全角　空格", "Ａ１",
                         "𠀀", "a b", "tab\there", "line\nbreak", "2-02-38-01", "工程技术人员"])
        }

        mutating func entity() -> String {
            var choices = ["&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#25991;", "&#x4E2D;", "&copy;", "&mdash;", "& ", "&amp"]
            if random.chance(mess) { choices += ["&foo;", "&#32;", "&#0;", "&#xD800;", "&AMP;", "&hearts;", "&#;", "&#12", "&中"] }
            return random.pick(choices)
        }

        mutating func tag(_ name: String) -> String {
            random.chance(mess / 2 + 1) ? name.uppercased() : name
        }

        /// Inline content for a cell or a link, `depth` levels deep at most.
        mutating func inline(_ depth: Int, inLink: Bool = false) -> String {
            var out = ""
            for _ in 0..<random.below(4) {
                switch random.below(depth > 0 ? 12 : 6) {
                case 0, 1, 2: out += word()
                case 3: out += blank()
                case 4: out += entity()
                case 5: out += random.pick(["<br>", "<br/>", "<BR>", "<img src=i.png>", "<!-- c -->", "<!---->", "<o:p></o:p>", "<o:p>&nbsp;</o:p>"])
                case 6:
                    let t = random.pick(["b", "span", "font", "strong", "em", "i", "u", "sup", "sub", "small", "label"])
                    out += "<\(tag(t))>\(inline(depth - 1, inLink: inLink))</\(tag(t))>"
                case 7:
                    let t = random.pick(["p", "div", "li", "h3", "center", "pre", "section", "ul"])
                    out += "<\(tag(t))>\(inline(depth - 1, inLink: inLink))" + (random.chance(100 - mess) ? "</\(tag(t))>" : "")
                case 8 where !inLink: out += link(depth - 1)
                case 9: out += random.chance(30) ? table(depth - 1) : word()
                case 10: out += random.pick(["<script>var s = '<td>no</td>';</script>", "<style>td { x: '</b>' }</style>",
                                             "<noscript>ns</noscript>", "<script></SCRIPT >"])
                default:
                    if random.chance(mess) {
                        out += random.pick(["<p>", "</b>", "<td>", "</tr>", "<tr>", "< x", "<o:p></o:p>", "<?php x ?>",
                                            "<textarea>t</textarea>", "<a name=n>", "<wbr>", "</br>", "<span", "<!x>",
                                            "<!-- c --!>", "<span/>", "<td/>", "<div/>", String(repeating: " ", count: 1100)])
                    } else {
                        out += word()
                    }
                }
            }
            return out
        }

        mutating func link(_ depth: Int) -> String {
            let href = random.pick(["a.html", "/abs/b.html", "c d.html", "?id=1&amp;t=2", "x.xlsx", "", "javascript:void(0)",
                                    " spaced.html ", "&#x2F;e.html", "q?a=1&b=2"])
            let quote = random.pick(["\"", "'", ""])
            let attribute = quote.isEmpty && href.contains(" ") ? "\"\(href)\"" : "\(quote)\(href)\(quote)"
            let extra = random.chance(30) ? random.pick([" target=_blank", " title='t'", " HREF=dup.html", " class = \"k\""]) : ""
            return "<\(tag("a")) href=\(attribute)\(extra)>\(inline(depth, inLink: true))</\(tag("a"))>"
        }

        mutating func cellAttributes() -> String {
            guard random.chance(35) else { return "" }
            return random.pick([" rowspan=2", " colspan=\"2\"", " rowspan='3'", " colspan=x", " rowspan=\" 2 \"",
                                " rowspan=0", " nowrap", " rowspan", " colspan=2 colspan=3", " align=center", " ROWSPAN=2",
                                " colspan = 2", " rowspan=2/"])
        }

        mutating func table(_ depth: Int) -> String {
            var out = "<\(tag("table"))" + (random.chance(30) ? " border=1" : "") + ">" + blank()
            if random.chance(20) { out += "<caption>\(word())</caption>" }
            let section = random.chance(30) ? random.pick(["tbody", "thead"]) : nil
            if let section { out += "<\(section)>" }
            for _ in 0..<(1 + random.below(4)) {
                out += "<\(tag("tr"))>" + blank()
                for _ in 0..<(1 + random.below(4)) {
                    let cell = random.chance(25) ? "th" : "td"
                    out += "<\(tag(cell))\(cellAttributes())>\(inline(depth))"
                    out += random.chance(100 - mess) ? "</\(tag(cell))>" : ""
                    out += blank()
                }
                out += random.chance(100 - mess) ? "</\(tag("tr"))>" : ""
                out += blank()
            }
            if let section { out += "</\(section)>" }
            return out + "</\(tag("table"))>"
        }

        mutating func page() -> String {
            var out = ""
            if random.chance(60) { out += random.pick(["<!DOCTYPE html>", "<!doctype html>\n",
                                                        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
                                                        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"]) }
            if random.chance(mess) { out += random.pick(["<?xml version=\"1.0\"?>", "text first ", "<!-- top -->",
                                                         "<!DOCTYPE html PUBLIC \"a>b\">"]) }
            let html = random.chance(70), head = random.chance(60), body = random.chance(70)
            if html { out += "<\(tag("html"))>" + blank() }
            if head {
                out += "<head>" + blank() + "<meta charset=\"utf-8\">" + blank() + "<title>目录 \(random.below(9))</title>"
                if random.chance(40) { out += "<script>if (a < b) { document.write('<table>'); }</script>" }
                if random.chance(30) { out += "<link rel=stylesheet href=s.css><style>p{}</style>" }
                if random.chance(mess) { out += random.pick(["<div>in head</div>", "stray", "<noscript>n</noscript>",
                                                             "<title><b>b</b></title>", String(repeating: "\n", count: 1100)]) }
                out += blank() + (random.chance(90) ? "</head>" : "") + blank()
            } else if random.chance(30) {
                out += "<title>t</title>" + blank()
            }
            if body { out += "<\(tag("body"))" + (random.chance(20) ? " class=\"main\"" : "") + ">" + blank() }
            for _ in 0..<(1 + random.below(4)) {
                switch random.below(6) {
                case 0, 1, 2: out += table(2)
                case 3: out += "<div>" + link(1) + blank() + link(1) + "</div>"
                case 4: out += "<p>" + inline(1) + "</p>"
                default: out += blank() + (random.chance(50) ? word() : "<!-- between -->") + blank()
                }
                out += blank()
            }
            if body { out += "</body>" + blank() }
            if html { out += "</html>" }
            if random.chance(mess) { out += random.pick(["<p>after</p>", "trailing", "\n", "<!-- end -->"]) }
            return out
        }
    }

    /// The tables with every cell as the catalogue builder sees it (white space collapsed).
    static func normalized(_ tables: [CellGrid]) -> [[[String]]] {
        tables.map { $0.rows.map { $0.cells.map(TextNormalizer.cell) } }
    }

    /// Makes `count` pages and returns how many the fast reader read. Each page the fast reader reads
    /// must be exactly the tree's; a page it declines goes to the libxml2 reader, whose cells must be the
    /// tree's once white space is collapsed (on messy markup its raw white space can differ from the
    /// tree's: libxml2's blank-text rules look at a tree the SAX reader does not build).
    static func check(seed: UInt64, mess: Int, count: Int) throws -> (fast: Int, rawDifferences: Int) {
        var maker = PageMaker(random: Random(state: seed), mess: mess)
        var fast = 0, rawDifferences = 0
        for k in 0..<count {
            let page = maker.page()
            let data = Data(page.utf8)
            let label = "seed \(seed) page \(k): \(page.debugDescription)"
            let reference = try DOMReferencePage(data: data, url: HTMLReaderEquivalenceTests.base)
            let read = try HTMLPage(data: data, url: HTMLReaderEquivalenceTests.base)
            if read.reader == .fast {
                fast += 1
                #expect(read.tables == reference.tables, "\(label): fast reader's tables differ")
                #expect(read.links == reference.links, "\(label): fast reader's links differ")
            } else {
                if read.tables != reference.tables || read.links != reference.links { rawDifferences += 1 }
                #expect(normalized(read.tables) == normalized(reference.tables), "\(label): libxml2 reader's cells differ")
                #expect(read.links.map(\.url) == reference.links.map(\.url), "\(label): libxml2 reader's links differ")
            }
        }
        return (fast, rawDifferences)
    }

    @Test("plain pages: the fast reader reads nearly all, exactly as the tree")
    func plainPages() throws {
        let (fast, _) = try Self.check(seed: 2025, mess: 0, count: 1500)
        // What it still declines among these is rare constructs (e.g. a table inside an inline element).
        #expect(fast >= 1500 * 6 / 10, "fast reader read \(fast) of 1500 plain pages")
    }

    @Test("messy pages: whatever either reader takes, it reads as the tree", arguments: [1 as UInt64, 2, 3])
    func messyPages(seed: UInt64) throws {
        let (fast, rawDifferences) = try Self.check(seed: seed, mess: 12, count: 1500)
        print("seed \(seed): fast reader read \(fast) of 1500 messy pages; libxml2 reader's raw white space differed from the tree on \(rawDifferences)")
        // Enough of them stay plain that the fast reader is exercised on the mess it must decline near.
        #expect(fast >= 150, "fast reader read \(fast) of 1500 messy pages")
        #expect(fast < 1500, "the messy pages were all plain: the generator is broken")
    }
}
