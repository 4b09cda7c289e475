import Foundation
import Testing
@testable import Portals

/// The byte search the bot-wall detector runs over a page's head.
@Suite("ByteHead: substring search over raw bytes")
struct ByteHeadTests {
    static func head(_ text: String, _ body: (ByteHead) -> Bool) -> Bool {
        Array(text.utf8).withUnsafeBytes { body(ByteHead($0)) }
    }

    @Test("exact search", arguments: [
        ("<script src=x>", "<script", true), ("xx<scrip <script", "<script", true), ("<scrip", "<script", false),
        ("a<SCRIPT", "<script", false), ("", "<", false), ("<<<t", "<<t", true), ("abc", "abcd", false),
    ])
    func exact(text: String, needle: String, expected: Bool) {
        #expect(Self.head(text) { $0.contains(needle) } == expected)
    }

    @Test("ignoring ASCII case", arguments: [
        ("a<SCRIPT", "<script", true), ("<Table>", "<table", true), ("<tab", "<table", false),
        ("<<TABLE", "<table", true), ("<tablé", "<table", false), ("<scr<SCRIPT", "<script", true),
    ])
    func ignoringCase(text: String, needle: String, expected: Bool) {
        #expect(Self.head(text) { $0.containsIgnoringASCIICase(needle) } == expected)
    }
}
