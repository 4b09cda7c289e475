/// A small suffix-stripping stemmer for English job vocabulary, so that "engineering", "engineers" and
/// "engineer" meet, as do "manager", "managing" and "management". Deliberately conservative: stems keep
/// at least three letters, and words ending in "ss" keep their ending.
public enum EnglishStemmer {
    private static let inflectional = ["ies", "ing", "es", "ed", "s"]
    private static let derivational = ["ations", "ation", "ments", "ment", "ers", "er", "ors", "or", "ists", "ist"]

    public static func stem(_ word: String) -> String {
        var w = word.lowercased()
        guard w.count > 3, w.allSatisfy({ $0.isASCII }) else { return w }
        if !w.hasSuffix("ss") {
            for suffix in inflectional where w.hasSuffix(suffix) && w.count - suffix.count >= 3 {
                w.removeLast(suffix.count)
                if suffix == "ies" { w.append("y") }
                else if suffix == "es" && !(w.hasSuffix("sh") || w.hasSuffix("ch") || w.hasSuffix("x") || w.hasSuffix("ss")) { w.append("e") }
                break
            }
        }
        for suffix in derivational where w.hasSuffix(suffix) && w.count - suffix.count >= 4 {
            w.removeLast(suffix.count)
            break
        }
        if w.hasSuffix("e") && w.count > 4 { w.removeLast() }
        return w
    }
}
