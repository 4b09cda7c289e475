import RencaiCore

/// Fast paths for the loaders, which read thousands of cells per command: text that is already plain
/// (ASCII or Chinese characters, no full-width forms) and codes already in the canonical `D-DD-DD-DD`
/// form skip Foundation's NFKC. Everything else goes through RencaiCore as usual, with the same result.
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

    /// `OccupationCode(_:)` for `D`, `D-DD`, `D-DD-DD`, `D-DD-DD-DD` (ASCII), else the full parser.
    static func code(_ text: String) -> OccupationCode? {
        let u = Array(text.utf8)
        func digit(_ i: Int) -> Int? { u[i] >= 0x30 && u[i] <= 0x39 ? Int(u[i] - 0x30) : nil }
        guard [1, 4, 7, 10].contains(u.count), let major = digit(0), (1...8).contains(major) else { return OccupationCode(text) }
        var parts = [major]
        var i = 1
        while i < u.count {
            guard u[i] == 0x2D, let a = digit(i + 1), let b = digit(i + 2) else { return OccupationCode(text) }
            parts.append(a * 10 + b)
            i += 3
        }
        // The same rule as OccupationCode: trailing -00 groups name the coarser group, except the occupation
        // code of a minor group without subdivisions (X-XX-XX-00).
        while parts.count > 1, parts.last == 0, parts.count != 4 || parts[2] == 0 { parts.removeLast() }
        return OccupationCode(parts: parts)
    }
}
