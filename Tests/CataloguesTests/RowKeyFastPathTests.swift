import Foundation
import Testing
@testable import Catalogues
import RencaiCore

/// The allocation-free helpers used on every row agree with the plain definitions they stand in for.
@Suite("Row key fast paths")
struct RowKeyFastPathTests {
    static let keys: [RowKey] = {
        var keys: [RowKey] = []
        for text in ["1", "2-02", "2-02-10", "2-02-10-03", "2-02-10-00", "8-99-99-99", "2-02-09-06", "2-02-10-10",
                     "4-01-00-00", "2-00-00-01"] {
            let code = OccupationCode(text)!
            keys.append(RowKey(code: code))
            keys.append(RowKey(code: code, occurrence: 2))
            keys.append(RowKey(code: code, occurrence: 12))
        }
        keys.append(RowKey(title: "软件工程师"))
        keys.append(RowKey(title: "数据分析师", occurrence: 3))
        keys.append(RowKey(code: OccupationCode(parts: [2, 300, 1])))   // outside the packable range
        return keys
    }()

    @Test("packed sort keys order code keys as < does; sorting gives the same order with and without them")
    func sortKeys() {
        for a in Self.keys {
            for b in Self.keys {
                if let x = a.sortKey, let y = b.sortKey { #expect((x < y) == (a < b), "\(a) vs \(b)") }
            }
        }
        var shuffled = Self.keys.shuffled()
        RowKey.sort(&shuffled) { $0 }
        #expect(shuffled == Self.keys.sorted(by: <))
        var codesOnly = Self.keys.filter { $0.sortKey != nil }.shuffled()
        RowKey.sort(&codesOnly) { $0 }
        #expect(codesOnly == Self.keys.filter { $0.sortKey != nil }.sorted(by: <))
    }

    @Test("appendText writes exactly text")
    func appendText() {
        for key in Self.keys {
            var bytes: [UInt8] = [0x41]
            key.appendText(to: &bytes)
            #expect(String(decoding: bytes.dropFirst(), as: UTF8.self) == key.text)
        }
    }

    @Test("isCodeText recognises exactly the normalised text of a code", arguments: [
        ("2-02-10-03", "2-02-10-03", true), ("2-02-10", "2-02-10", true), ("3", "3", true),
        ("2-02-10-03", "2-02-10-03 ", false), ("2-02-10-03", "2-02-10", false), ("2-02-10", "2-02-10-03", false),
        ("2-02-10-03", "2—02—10—03", false), ("2-02-10-03", "2021003", false), ("2-02-10-03", "", false),
    ])
    func isCodeText(code: String, text: String, expected: Bool) {
        let c = OccupationCode(code)!
        #expect(RowKey.isCodeText(text, c) == expected)
        #expect(RowKey.isCodeText(RowKey.codeText(c), c))
    }
}

@Suite("Cell text fast paths")
struct CellTextFastPathTests {
    /// The scalar-by-scalar definition the byte-level check replaced.
    static func referenceIsClean(_ text: String) -> Bool {
        var previousSpace = true
        var any = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else if (0x21...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || (0x3001...0x3011).contains(v) {
                previousSpace = false
            } else {
                return false
            }
            any = true
        }
        return !any || !previousSpace
    }

    @Test("isClean agrees with the scalar definition at every range edge", arguments: [
        "", " ", "a", "a b", "a  b", " a", "a ", "软件工程技术人员", "软件 工程", "\u{4E00}", "\u{4DFF}", "\u{9FFF}", "\u{A000}",
        "\u{3000}", "\u{3001}", "\u{3011}", "\u{3012}", "\u{2FFF}", "\u{4000}", "\u{4E00}x", "é", "ｱ", "３年", "a\tb", "a\nb",
        "~", "\u{7F}", "𠀀", "🧑‍💻", "（", "【目录】", "2-02-10-03",
    ])
    func isClean(text: String) {
        #expect(CellText.isClean(text) == Self.referenceIsClean(text))
    }

    @Test("isClean agrees on every BMP scalar alone and between ASCII letters")
    func everyScalar() {
        var disagreements: [UInt32] = []
        for v in UInt32(0x20)...0xFFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(scalar), t = "a" + s + "b"
            if CellText.isClean(s) != Self.referenceIsClean(s) || CellText.isClean(t) != Self.referenceIsClean(t) { disagreements.append(v) }
        }
        #expect(disagreements.isEmpty)
    }
}

extension CellTextFastPathTests {
    @Test("sameBytes and containsSpace agree with the UTF-8 they stand in for")
    func bytesHelpers() {
        // Small and heap strings, equal content in different storage, equal length with different bytes.
        let long = String(repeating: "职业名称工程技术人员", count: 3)
        let texts = ["", " ", "a", "a b", "1", "序号", "职业名称", long, String(long.dropLast()) + "员", long + " ",
                     "本科及以上", "本科及以下", String(repeating: "x", count: 15), String(repeating: "x", count: 16)]
        for a in texts {
            #expect(CellText.containsSpace(a) == a.utf8.contains(0x20), "\(a)")
            for b in texts {
                #expect(CellText.sameBytes(a, b) == Array(a.utf8).elementsEqual(Array(b.utf8)), "\(a) / \(b)")
            }
            #expect(CellText.sameBytes(a, String(decoding: Array(a.utf8), as: UTF8.self)))
        }
    }
}
