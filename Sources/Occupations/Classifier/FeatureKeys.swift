/// Integer keys for the classifier's features, so that the hot loop hashes integers, not strings:
/// a Chinese character, a pair of adjacent Chinese characters, or an English word (FNV-1a hash).
enum FeatureKeys {
    static let bigramTag: UInt64 = 1 << 62
    static let wordTag: UInt64 = 2 << 62

    static func isIdeograph(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FA1F).contains(v) || (0xF900...0xFAFF).contains(v)
    }

    static func isWordScalar(_ v: UInt32) -> Bool {
        (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) || v == 0x23 || v == 0x2B || (v > 0x7F && !isIdeograph(v) && v != 0x7C)
    }

    /// Calls `body(key, start, end)` for every unigram, bigram and word of a normalised text.
    static func forEach(_ s: [UInt32], _ body: (UInt64, Int, Int) -> Void) {
        var i = 0
        let n = s.count
        while i < n {
            let v = s[i]
            if isIdeograph(v) {
                body(UInt64(v), i, i + 1)
                if i + 1 < n, isIdeograph(s[i + 1]) {
                    body(bigramTag | UInt64(v) << 21 | UInt64(s[i + 1]), i, i + 2)
                }
                i += 1
            } else if isWordScalar(v) {
                var h: UInt64 = 0xcbf29ce484222325
                let start = i
                while i < n, isWordScalar(s[i]) {
                    h = (h ^ UInt64(s[i])) &* 0x100000001b3
                    i += 1
                }
                body(wordTag | (h & ((1 << 62) - 1)), start, i)
            } else {
                i += 1
            }
        }
    }

    static func text(_ s: [UInt32], _ start: Int, _ end: Int) -> String {
        var out = ""
        for v in s[start..<end] { if let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) } }
        return out
    }
}
