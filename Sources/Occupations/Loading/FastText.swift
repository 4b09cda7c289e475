import RencaiCore

/// A fast path for the loaders, which read thousands of cells per command: text that is already plain
/// (ASCII or Chinese characters, no full-width forms) skips Foundation's NFKC. Everything else goes
/// through RencaiCore as usual, with the same result. (Codes have their own fast path in `OccupationCode`.)
enum FastText {
    /// `TextNormalizer.cell` without NFKC when nothing needs folding.
    static func cell(_ text: String) -> String {
        var plain = true
        var hasSpace = false
        for u in text.unicodeScalars {
            let v = u.value
            if v == 0x20 { hasSpace = true; continue }
            if (0x21...0x7E).contains(v) || (0x4E00...0x9FFF).contains(v) || v == 0x3001 { continue }
            plain = false
            break
        }
        if plain && !hasSpace { return text }
        return TextNormalizer.cell(text)
    }
}
