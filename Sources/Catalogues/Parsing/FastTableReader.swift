import Foundation

/// Reads plain HTML straight from its bytes into a ``TableCollector``, giving the events libxml2's parser
/// would give for the same page, several times faster. Plain means: the elements of ``HTMLTags``, every
/// element closed by its own end tag, in order, nothing libxml2 would auto-close, imply or drop. At the
/// first thing outside that (an omitted `</td>`, an unknown element, a processing instruction, a stray
/// `<`, an entity it does not know, …) it declines, and ``HTMLPage`` hands the page to
/// ``LibXMLTableReader``. Declining is always safe; reading is exact only for what it accepts, which
/// HTMLReaderEquivalenceTests check against libxml2's own tree.
///
/// `bench-watch --stages` on the benchmark's 1,000-row page (best of five batches, thread CPU time): this
/// reader 0.79–1.02 ms, libxml2's SAX reader 2.21–2.40 ms on one machine; 2.34–2.60 ms against 8.29–8.59 ms
/// on a slower one (2 vCPU AMD EPYC, 2026-12-03), the same collector behind both.
enum FastTableReader {
    enum Outcome {
        case read(tables: [CellGrid], links: [HTMLPage.Link])
        /// Why libxml2 must read the page, and where.
        case declined(String)
    }

    static func read(_ text: UnsafeBufferPointer<UInt8>, base: URL?) -> Outcome {
        guard let start = text.baseAddress, !text.isEmpty else { return .declined("empty page") }
        let collector = TableCollector(base: base)
        var scanner = Scanner(start: start, count: text.count, collector: collector)
        do {
            try scanner.run()
        } catch {
            return .declined("\(error.reason) at byte \(error.offset)")
        }
        let (tables, links) = collector.finish()
        return .read(tables: tables, links: links)
    }

    struct Decline: Error {
        let reason: String
        let offset: Int
    }

    /// Where the page is, as far as libxml2's implied `<html>`, `<head>` and `<body>` go.
    enum Phase {
        case start, inHTML, inHead, afterHead, inBody, afterBody
    }

    struct Scanner {
        let p: UnsafePointer<UInt8>
        let n: Int
        let collector: TableCollector
        let tags = HTMLTags.shared
        var i = 0
        var phase = Phase.start
        var sawDoctype = false
        /// Open elements other than html, head and body, innermost last.
        var open: [UInt8] = []
        var scratch: [UInt8] = []
        /// Element names of up to 8 bytes already met, by their packed bytes: a direct-mapped cache of
        /// 64 slots (a page uses a dozen names or so), `UInt64.max` for an empty slot.
        var cachedKeys = [UInt64](repeating: .max, count: 64)
        var cachedTags = [UInt8](repeating: 0, count: 64)

        init(start: UnsafePointer<UInt8>, count: Int, collector: TableCollector) {
            p = start
            n = count
            self.collector = collector
            open.reserveCapacity(16)
        }

        func decline(_ reason: String, at offset: Int? = nil) -> Decline { Decline(reason: reason, offset: offset ?? i) }

        @inline(__always) func byte(_ k: Int) -> UInt8 { k < n ? p[k] : 0 }

        @inline(__always) static func isBlank(_ b: UInt8) -> Bool { TableCollector.isBlank(b) }
        static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        static func isNameByte(_ b: UInt8) -> Bool {
            isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x5F || b == 0x2D || b == 0x2E
        }

        mutating func run() throws(Decline) {
            try checkCharacters()
            while i < n {
                if p[i] == 0x3C {   // <
                    let next = byte(i + 1)
                    if Self.isLetter(next) { try startTag() }
                    else if next == 0x2F { try endTag() }   // </
                    else if next == 0x21 { try declaration() }   // <!
                    else { throw decline("'<' that starts no tag") }
                } else {
                    try text()
                }
            }
            if let top = open.last { throw decline("the page ends inside <\(tags.all[Int(top)].name)>") }
        }

        /// libxml2 drops or replaces characters XML does not allow (controls, U+FFFE, U+FFFF) and stops at NUL.
        func checkCharacters() throws(Decline) {
            // Eight bytes at a time: only a word holding a byte below 0x20 or an 0xEF is looked at closely.
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var k = 0
            while k + 8 <= n {
                let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
                let below20 = (w &- ones &* 0x20) & ~w & highs
                let x = w ^ (ones &* 0xEF)
                let isEF = (x &- ones) & ~x & highs
                if below20 | isEF != 0 { try checkCharacters(k..<(k + 8)) }
                k += 8
            }
            try checkCharacters(k..<n)
        }

        func checkCharacters(_ range: Range<Int>) throws(Decline) {
            for k in range {
                let b = p[k]
                if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { throw decline("control character", at: k) }
                if b == 0xEF, byte(k + 1) == 0xBF, byte(k + 2) >= 0xBE { throw decline("U+FFFE/U+FFFF", at: k) }
            }
        }

        // MARK: Text

        mutating func text() throws(Decline) {
            let begin = i
            i = memchr(p + begin, 0x3C, n - begin).map { UnsafeRawPointer($0) - UnsafeRawPointer(p) } ?? n
            let ampersand = memchr(p + begin, 0x26, i - begin).map { UnsafeRawPointer($0) - UnsafeRawPointer(p) } ?? -1
            let run = UnsafeBufferPointer(start: p + begin, count: i - begin)
            let inElement = !open.isEmpty
            // libxml2 hands text over in pieces of 1,000 bytes and judges blank pieces one by one (and a
            // first piece with more blank text after it is not blank to it: it implies a <p> outside body).
            if run.count >= 1000, TableCollector.isBlank(run) { throw decline("a long run of blank text", at: begin) }
            // Text straight in html or head makes libxml2 imply a <p>; in body it is nobody's.
            if !inElement, phase != .inBody {
                if ampersand >= 0 || !TableCollector.isBlank(run) { throw decline("text outside <body>", at: begin) }
                return
            }
            if ampersand < 0 {
                if inElement { collector.text(run, followedByMarkup: i < n) }
                return
            }
            // With a reference in it, no piece of the run is dropped as blank (libxml2 keeps blank text
            // next to the reference's text), so the decoded run goes over as one.
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + begin, count: ampersand - begin))
            try decodeReferences(from: ampersand, to: i, into: &scratch, inAttribute: false)
            if inElement {
                scratch.withUnsafeBufferPointer { collector.text($0, followedByMarkup: true) }
            }
        }

        /// Appends bytes `from..<to`, with `&…;` references decoded as libxml2 decodes them.
        func decodeReferences(from: Int, to end: Int, into out: inout [UInt8], inAttribute: Bool) throws(Decline) {
            var k = from
            while k < end {
                let b = p[k]
                guard b == 0x26 else { out.append(b); k += 1; continue }
                let next = k + 1 < end ? p[k + 1] : 0
                if next == 0x23 {   // &#
                    let (scalar, length) = try characterReference(at: k, end: end)
                    // A blank one is text libxml2's SAX and tree readers see differently: leave it to libxml2.
                    if !inAttribute, scalar.value < 0x80, Self.isBlank(UInt8(scalar.value)) { throw decline("a blank character reference", at: k) }
                    out.append(contentsOf: Array(String(scalar).utf8))
                    k += length
                } else if Self.isLetter(next) || next == 0x5F || next == 0x3A {
                    var e = k + 1
                    while e < end, Self.isNameByte(p[e]) { e += 1 }
                    guard e < end, p[e] < 0x80 else { throw decline("an entity name at a non-ASCII byte or the end", at: k) }
                    if p[e] == 0x3B {   // ;
                        let name = String(decoding: UnsafeBufferPointer(start: p + k + 1, count: e - k - 1), as: UTF8.self)
                        guard let scalar = Self.entities[name] else { throw decline("the entity &\(name);", at: k) }
                        out.append(contentsOf: Array(String(scalar).utf8))
                        k = e + 1
                    } else {
                        // No ';': libxml2 keeps "&name" as written.
                        out.append(contentsOf: UnsafeBufferPointer(start: p + k, count: e - k))
                        k = e
                    }
                } else if next != 0, next < 0x80 {
                    out.append(b)   // a lone '&'
                    k += 1
                } else {
                    throw decline("'&' before a non-ASCII byte or the end", at: k)
                }
            }
        }

        /// `&#NNN;` or `&#xHH;` at `k`: the character and the reference's length.
        func characterReference(at k: Int, end: Int) throws(Decline) -> (Unicode.Scalar, Int) {
            var e = k + 2
            let hex = e < end && (p[e] | 0x20) == 0x78
            if hex { e += 1 }
            let digitsStart = e
            var value: UInt32 = 0
            while e < end, e - digitsStart < 7 {
                let d = p[e]
                if d >= 0x30, d <= 0x39 { value = value * (hex ? 16 : 10) + UInt32(d - 0x30) }
                else if hex, (d | 0x20) >= 0x61, (d | 0x20) <= 0x66 { value = value * 16 + UInt32((d | 0x20) - 0x61 + 10) }
                else { break }
                e += 1
            }
            guard e > digitsStart, e < end, p[e] == 0x3B else { throw decline("a malformed character reference", at: k) }
            // libxml2 accepts only characters XML allows.
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            guard allowed, let scalar = Unicode.Scalar(value) else { throw decline("a character reference to U+\(String(value, radix: 16))", at: k) }
            return (scalar, e + 1 - k)
        }

        /// The HTML 4 entities pages use most, as libxml2's table has them; any other is left to libxml2.
        static let entities: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "\u{A9}",
            "reg": "\u{AE}", "middot": "\u{B7}", "times": "\u{D7}", "divide": "\u{F7}", "deg": "\u{B0}",
            "plusmn": "\u{B1}", "yen": "\u{A5}", "sect": "\u{A7}", "laquo": "\u{AB}", "raquo": "\u{BB}",
            "ndash": "\u{2013}", "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}",
            "rdquo": "\u{201D}", "bull": "\u{2022}", "hellip": "\u{2026}", "ensp": "\u{2002}", "emsp": "\u{2003}",
            "thinsp": "\u{2009}", "permil": "\u{2030}", "trade": "\u{2122}",
        ]

        // MARK: Tags

        /// An element name at `k` (ASCII letters first), lowercased: the tag, and the index after it.
        mutating func tagName(at k: Int) throws(Decline) -> (UInt8, Int) {
            var e = k
            var key: UInt64 = 0
            while e < n, Self.isNameByte(p[e]) {
                let b = p[e]
                key = key << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                e += 1
            }
            // Names of up to 8 bytes (every common one) are looked up by their packed bytes.
            let slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if e - k <= 8, cachedKeys[slot] == key { return (cachedTags[slot], e) }
            guard e - k <= 16 else { throw decline("an element name longer than any it knows", at: k) }
            let name = String(decoding: UnsafeBufferPointer(start: p + k, count: e - k), as: UTF8.self).lowercased()
            guard let tag = tags.byName[name] else { throw decline("the element <\(name)>", at: k - 1) }
            if e - k <= 8 {
                cachedKeys[slot] = key
                cachedTags[slot] = tag
            }
            return (tag, e)
        }

        mutating func startTag() throws(Decline) {
            let tagStart = i
            let (tag, afterName) = try tagName(at: i + 1)
            i = afterName
            let kind = tags.kinds[Int(tag)], group = tags.groups[Int(tag)]
            // libxml2 closes the innermost element when this tag may not stand in it: not plain.
            if let top = open.last, tags.closedBy[Int(top)].contains(tag) {
                throw decline("<\(tags.all[Int(tag)].name)> inside <\(tags.all[Int(top)].name)>, which libxml2 closes for it", at: tagStart)
            }
            if group != .body || phase != .inBody { try enterStructure(tag, group, at: tagStart) }
            var attributes = ScannedAttributes()
            let selfClosing = try readAttributes(into: &attributes, keep: kind.role == .cell || kind.role == .link)
            if group == .structure {
                if selfClosing { throw decline("<\(tags.all[Int(tag)].name)/>", at: tagStart) }
                return
            }
            collector.start(kind) { attributes[$0] }
            if selfClosing || tags.isVoid[Int(tag)] {
                collector.end()
                return
            }
            if group == .rawText {
                try skipRawText(tags.all[Int(tag)].name)
            }
            open.append(tag)
        }

        /// Keeps ``phase`` in step with libxml2's implied and explicit `<html>`, `<head>` and `<body>`, and
        /// declines where libxml2 would move or drop a tag.
        mutating func enterStructure(_ tag: UInt8, _ group: HTMLTags.Group, at offset: Int) throws(Decline) {
            let info = tags.all[Int(tag)]
            switch group {
            case .structure:
                guard open.isEmpty else { throw decline("<\(info.name)> inside another element", at: offset) }
                switch (tag, phase) {
                case (tags.html, .start): phase = .inHTML
                case (tags.head, .start), (tags.head, .inHTML): phase = .inHead
                case (tags.body, .start), (tags.body, .inHTML), (tags.body, .inHead), (tags.body, .afterHead): phase = .inBody
                default: throw decline("a misplaced <\(info.name)>", at: offset)
                }
            case .headLevel, .rawText:
                switch phase {
                case .start, .inHTML: if open.isEmpty { phase = .inHead }   // libxml2 implies <head>
                case .afterBody: throw decline("<\(info.name)> after </body>", at: offset)
                default: break
                }
            case .body:
                // Before the body, libxml2 puts a body tag inside an open <title> (or implies <body> in it):
                // only a body tag with nothing open is plain.
                if phase != .inBody, !open.isEmpty { throw decline("<\(info.name)> inside <\(tags.all[Int(open.last!)].name)> before the body", at: offset) }
                switch phase {
                case .inBody: break
                case .start, .inHTML, .afterHead: phase = .inBody   // libxml2 implies <body>
                case .inHead:
                    // Only the tags that close <head> start the body; others would go inside <head>.
                    guard tags.closedBy[Int(tags.head)].contains(tag) else { throw decline("<\(info.name)> in <head>", at: offset) }
                    phase = .inBody
                case .afterBody: throw decline("<\(info.name)> after </body>", at: offset)
                }
            }
        }

        /// Reads the attributes up to `>` or `/>`; true for `/>`. Keeps href, rowspan and colspan when `keep`.
        mutating func readAttributes(into attributes: inout ScannedAttributes, keep: Bool) throws(Decline) -> Bool {
            while true {
                while i < n, Self.isBlank(p[i]) { i += 1 }
                guard i < n else { throw decline("the page ends inside a tag") }
                let b = p[i]
                if b == 0x3E { i += 1; return false }   // >
                if b == 0x2F {
                    guard byte(i + 1) == 0x3E else { throw decline("'/' inside a tag") }
                    i += 2
                    return true
                }
                guard Self.isLetter(b) || b == 0x5F || b == 0x3A || b == 0x2E else { throw decline("an attribute name libxml2 skips") }
                let nameStart = i
                while i < n, Self.isNameByte(p[i]) { i += 1 }
                guard i - nameStart <= 60 else { throw decline("a long attribute name", at: nameStart) }
                let nameEnd = i
                while i < n, Self.isBlank(p[i]) { i += 1 }
                var value: Range<Int>? = nil
                if byte(i) == 0x3D {   // =
                    i += 1
                    while i < n, Self.isBlank(p[i]) { i += 1 }
                    let q = byte(i)
                    if q == 0x22 || q == 0x27 {
                        let valueStart = i + 1
                        i = valueStart
                        while i < n, p[i] != q { i += 1 }
                        guard i < n else { throw decline("an attribute value that is never closed", at: valueStart - 1) }
                        value = valueStart..<i
                        i += 1
                    } else {
                        let valueStart = i
                        while i < n, !Self.isBlank(p[i]), p[i] != 0x3E { i += 1 }
                        value = valueStart..<i
                    }
                }
                if keep, let which = attributeName(nameStart..<nameEnd), attributes[which] == nil {
                    // libxml2 keeps the first of repeated attributes.
                    attributes.set(which, try value.map { range throws(Decline) in try attributeValue(range) } ?? "")
                }
            }
        }

        func attributeName(_ range: Range<Int>) -> TableCollector.Attribute? {
            func equals(_ word: StaticString) -> Bool {
                guard range.count == word.utf8CodeUnitCount else { return false }
                for k in 0..<range.count where (p[range.lowerBound + k] | 0x20) != word.utf8Start[k] { return false }
                return true
            }
            if equals("href") { return .href }
            if equals("rowspan") { return .rowspan }
            if equals("colspan") { return .colspan }
            return nil
        }

        func attributeValue(_ range: Range<Int>) throws(Decline) -> String {
            let raw = UnsafeBufferPointer(start: p + range.lowerBound, count: range.count)
            guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            try decodeReferences(from: range.lowerBound, to: range.upperBound, into: &out, inAttribute: true)
            return String(decoding: out, as: UTF8.self)
        }

        /// Script and style content: raw text up to `</name` (any case), as libxml2 reads it when recovering.
        mutating func skipRawText(_ name: String) throws(Decline) {
            let word = Array(name.utf8)
            while i < n {
                if p[i] == 0x3C, byte(i + 1) == 0x2F {
                    var matches = i + 2 + word.count <= n
                    var k = 0
                    while matches, k < word.count { matches = (p[i + 2 + k] | 0x20) == word[k]; k += 1 }
                    if matches {
                        let after = byte(i + 2 + word.count)
                        guard after == 0x3E || Self.isBlank(after) else { throw decline("</\(name)…> inside <\(name)>") }
                        return
                    }
                }
                i += 1
            }
            throw decline("<\(name)> is never closed")
        }

        mutating func endTag() throws(Decline) {
            let tagStart = i
            guard Self.isLetter(byte(i + 2)) else { throw decline("'</' that starts no end tag") }
            let (tag, afterName) = try tagName(at: i + 2)
            i = afterName
            while i < n, Self.isBlank(p[i]) { i += 1 }
            guard byte(i) == 0x3E else { throw decline("an end tag with more than its name", at: tagStart) }
            i += 1
            if tags.groups[Int(tag)] == .structure {
                guard open.isEmpty else { throw decline("</\(tags.all[Int(tag)].name)> inside another element", at: tagStart) }
                switch (tag, phase) {
                case (tags.head, .inHead): phase = .afterHead
                case (tags.body, .inBody), (tags.html, .inBody), (tags.body, .afterBody), (tags.html, .afterBody): phase = .afterBody
                default: throw decline("a misplaced </\(tags.all[Int(tag)].name)>", at: tagStart)
                }
                return
            }
            guard let top = open.last, top == tag else {
                throw decline("</\(tags.all[Int(tag)].name)> that does not close the innermost element", at: tagStart)
            }
            open.removeLast()
            collector.end()
        }

        /// `<!--…-->` and a leading `<!DOCTYPE …>`; any other `<!` is left to libxml2.
        mutating func declaration() throws(Decline) {
            if byte(i + 2) == 0x2D, byte(i + 3) == 0x2D {
                // libxml2 ends a comment at the first "-->" after "<!--" (and at "--!>", which this leaves to it).
                var k = i + 4
                while k + 2 < n {
                    if p[k] == 0x2D, p[k + 1] == 0x2D {
                        if p[k + 2] == 0x3E { i = k + 3; return }
                        if p[k + 2] == 0x21 { throw decline("a comment closed by '--!>'") }
                    }
                    k += 1
                }
                throw decline("a comment that is never closed")
            }
            let doctype = Array("doctype".utf8)
            var isDoctype = i + 9 <= n
            for k in 0..<doctype.count where isDoctype { isDoctype = (p[i + 2 + k] | 0x20) == doctype[k] }
            guard isDoctype, phase == .start, !sawDoctype else { throw decline("a '<!' declaration libxml2 reads itself") }
            var k = i + 9
            while k < n, p[k] != 0x3E {
                if p[k] == 0x3C || p[k] == 0x5B { throw decline("a DOCTYPE with an internal subset") }
                k += 1
            }
            guard k < n else { throw decline("a DOCTYPE that is never closed") }
            sawDoctype = true
            i = k + 1
        }
    }

    /// The attributes the collector may ask for, as they stood in the tag.
    struct ScannedAttributes {
        var href: String?
        var rowspan: String?
        var colspan: String?

        subscript(_ which: TableCollector.Attribute) -> String? {
            switch which {
            case .href: href
            case .rowspan: rowspan
            case .colspan: colspan
            }
        }

        mutating func set(_ which: TableCollector.Attribute, _ value: String) {
            switch which {
            case .href: href = value
            case .rowspan: rowspan = value
            case .colspan: colspan = value
            }
        }
    }
}
