/// The elements ``FastTableReader`` reads itself, with what libxml2 2.9's HTML parser does with each
/// (HTMLparser.c: its element table, its start-tag auto-close list, its implied `<head>`). A page with
/// any other element is left to libxml2.
struct HTMLTags {
    /// Which of libxml2's special cases an element falls under.
    enum Group {
        /// `html`, `head`, `body`: where libxml2 implies, moves or ignores tags.
        case structure
        /// May stand in `<head>` (libxml2 implies a `<head>` for these at the top of a page).
        case headLevel
        /// `script`, `style`: head-level, and their content is raw text up to their end tag.
        case rawText
        case body
    }

    struct Tag {
        let name: String
        let kind: TableCollector.Kind
        let group: Group
        /// Ends at once, with no end tag (libxml2's "empty" elements).
        let isVoid: Bool
    }

    /// A set of tags by their index in ``all``.
    struct TagSet {
        var bits: UInt128 = 0
        func contains(_ tag: UInt8) -> Bool { bits & (1 << UInt128(tag)) != 0 }
        mutating func insert(_ tag: UInt8) { bits |= 1 << UInt128(tag) }
    }

    let all: [Tag]
    // The same facts as plain values by tag index, for the scanner's inner loop (a ``Tag`` holds a String,
    // which costs reference counting at every copy).
    let kinds: [TableCollector.Kind]
    let groups: [Group]
    let isVoid: [Bool]
    /// By tag index: the start tags that make libxml2 close this element when it is the innermost open
    /// one (its `htmlStartClose` pairs, among the tags here).
    let closedBy: [TagSet]
    let byName: [String: UInt8]
    let html: UInt8, head: UInt8, body: UInt8

    static let shared = HTMLTags()

    private init() {
        let structure = ["html", "head", "body"]
        let headLevel = ["title", "meta", "link", "base"]
        let rawText = ["script", "style"]
        // HTML 4 elements libxml2 knows, and HTML 5 ones it does not (it nests those as written, closing none).
        let bodyLevel = ["noscript", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
                    "a", "b", "strong", "i", "em", "u", "font", "span", "sup", "sub", "small", "big", "s", "strike",
                    "br", "img", "label", "p", "div", "center", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                    "dl", "dt", "dd", "hr", "form", "input", "pre", "blockquote",
                    "section", "article", "nav", "header", "footer", "main", "aside", "figure", "figcaption", "template",
                    "o:p"]   // Word's paragraph mark: libxml2's tree makes it a `p`, its parser an unknown element
        let void: Set<String> = ["meta", "link", "base", "col", "br", "img", "hr", "input"]
        var tags: [Tag] = []
        for (names, group) in [(structure, Group.structure), (headLevel, .headLevel), (rawText, .rawText), (bodyLevel, .body)] {
            for name in names {
                tags.append(Tag(name: name, kind: TableCollector.Kind(name), group: group, isVoid: void.contains(name)))
            }
        }
        precondition(tags.count <= 128, "TagSet holds 128 tags")
        all = tags
        kinds = tags.map(\.kind)
        groups = tags.map(\.group)
        isVoid = tags.map(\.isVoid)
        let index = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1.name, UInt8($0)) })
        byName = index
        html = index["html"]!; head = index["head"]!; body = index["body"]!
        let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]
        let tableParts = ["tbody", "tfoot", "thead", "tr"]
        // An open element → the start tags that close it.
        let closers: [String: [String]] = [
            "a": ["a", "table", "td", "th"],
            "b": ["center", "p", "td", "th"],
            "i": ["center", "p", "td", "th"],
            "u": ["p", "td", "th"],
            "font": ["center", "td", "th"],
            "span": ["td", "th"],
            "big": ["p"], "small": ["p"], "s": ["p"], "strike": ["p"],
            "caption": ["col", "colgroup"] + tableParts,
            "colgroup": ["colgroup"] + tableParts,
            "thead": ["tbody", "tfoot"],
            "tbody": ["tbody", "tfoot"],
            "tfoot": ["tbody"],
            "tr": ["tbody", "tfoot", "tr"],
            "td": ["tbody", "td", "tfoot", "th", "tr"],
            "th": ["tbody", "td", "tfoot", "th", "tr"],
            "dl": ["form", "li"], "dt": ["dd", "dl"], "dd": ["dt"],
            "li": ["li"], "ol": ["form", "ul"], "ul": ["form", "ol", "pre"],
            "form": ["form"],
            "pre": ["dd", "dl", "dt", "form", "li", "pre", "table", "ul"],
            "p": ["blockquote", "body", "caption", "center", "col", "colgroup", "dd", "div", "dl", "dt", "form", "head",
                  "hr", "li", "ol", "p", "pre", "table", "tbody", "td", "tfoot", "th", "title", "tr", "ul"] + headings,
            "head": ["a", "b", "big", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt", "em", "font", "form",
                     "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "span", "strike", "strong", "sub", "sup",
                     "table", "u", "ul"] + headings,
        ].merging(headings.map { ($0, ["form", "li", "p", "table"]) }) { a, _ in a }
        var sets = [TagSet](repeating: TagSet(), count: tags.count)
        for (open, starts) in closers {
            for start in starts { sets[Int(index[open]!)].insert(index[start]!) }
        }
        closedBy = sets
    }
}
