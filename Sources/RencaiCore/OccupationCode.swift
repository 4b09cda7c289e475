import Foundation

/// A code of the National Occupational Classification (职业分类大典), `D-DD-DD-DD`.
///
/// Codes are edition-specific, so the edition travels with the code. Normalisation accepts full-width
/// digits, any dash variant, spaces, the 7-digit run `2021003` and the GB/T 6565 5-digit minor-group
/// form (`20210` = `2-02-10`).
///
/// ```swift
/// let code = try OccupationCode(parsing: "２—０２—１０—０３")   // 2-02-10-03
/// code.level            // .occupation
/// code.parent?.text     // "2-02-10"
/// OccupationCode("2-02-10")!.contains(code)   // true
/// ```
public struct OccupationCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The groups of the code: 1 to 4 numbers (major, medium, minor, occupation).
    public var parts: [Int] {
        if case .wide(let parts) = groups { return parts }
        return (0..<groupCount).map(group)
    }

    /// How many groups the code has (1 to 4): `parts.count` without making the array.
    public var groupCount: Int {
        switch groups {
        case .packed(_, let count): return Int(count)
        case .wide(let parts): return parts.count
        }
    }

    /// Group `i` (0 = major): `parts[i]` without making the array.
    public func group(_ i: Int) -> Int {
        precondition(i >= 0 && i < groupCount, "a code has groups 0..<groupCount")
        switch groups {
        case .packed(let bits, _): return Groups.byte(i, of: bits)
        case .wide(let parts): return parts[i]
        }
    }

    /// Every code a catalogue or the classification holds has groups below 256: those are packed a byte
    /// each (major in the top byte, unused bytes 0), so a code is a plain value, with no array to allocate
    /// and reference-count for every catalogue row. Other numbers (only ever built by hand) keep an array.
    private enum Groups: Sendable, Hashable {
        case packed(UInt32, count: UInt8)
        case wide([Int])

        init(_ parts: [Int]) {
            guard parts.allSatisfy({ (0...255).contains($0) }) else { self = .wide(parts); return }
            var bits: UInt32 = 0
            for (i, p) in parts.enumerated() { bits |= Groups.packing(p, at: i) }
            self = .packed(bits, count: UInt8(parts.count))
        }

        /// Group `value` in byte `i` (0 = major, the top byte).
        static func packing(_ value: Int, at i: Int) -> UInt32 { UInt32(value) << (24 - 8 * UInt32(i)) }
        static func byte(_ i: Int, of bits: UInt32) -> Int { Int((bits >> (24 - 8 * UInt32(i))) & 0xFF) }
    }
    private let groups: Groups

    /// The default edition of the classification.
    public static let defaultEdition = "2022"

    public enum Level: String, Sendable, Codable, CaseIterable, Comparable {
        case major, medium, minor, occupation

        public var depth: Int { Level.allCases.firstIndex(of: self)! + 1 }
        public static func < (a: Level, b: Level) -> Bool { a.depth < b.depth }
    }

    /// Parses a code; nil when it is not one.
    public init?(_ text: String) {
        if let packed = OccupationCode.canonicalPacked(text) {
            groups = packed
            return
        }
        guard let parts = OccupationCode.parse(text) else { return nil }
        self.groups = Groups(parts)
    }

    /// Parses a code or throws an error that names the text and the expected form.
    public init(parsing text: String) throws {
        guard let code = OccupationCode(text) else {
            throw InputError("'\(text)' is not an occupation code: write it as D-DD-DD-DD (e.g. 2-02-10-03), D-DD-DD, or the 5-digit GB/T 6565 form (20210)")
        }
        self = code
    }

    public init(parts: [Int]) {
        precondition((1...4).contains(parts.count))
        self.groups = Groups(parts)
    }

    private static func parse(_ raw: String) -> [Int]? {
        guard var parts = looseParts(raw), (1...8).contains(parts[0]) else { return nil }
        let kept = keptGroups(parts.count) { parts[$0] }
        parts.removeLast(parts.count - kept)
        return parts
    }

    /// How many of `count` groups name the code: trailing "-00" groups name the same group at a coarser
    /// level (2-00-00-00 is major group 2), except for a minor group without subdivisions, whose
    /// occupation code ends in -00 (X-XX-XX-00 stays).
    private static func keptGroups(_ count: Int, _ group: (Int) -> Int) -> Int {
        var kept = count
        while kept > 1, group(kept - 1) == 0, kept != 4 || group(2) == 0 { kept -= 1 }
        return kept
    }

    /// `D`, `D-DD`, `D-DD-DD` or `D-DD-DD-DD` in ASCII with a major group 1–8, packed straight from the
    /// bytes without normalising the text: loaders and catalogues read thousands of codes per command and
    /// nearly all are written this way. Nil for anything else, which ``parse(_:)`` then reads.
    private static func canonicalPacked(_ text: String) -> Groups? {
        // Over the contiguous bytes: String.UTF8View's iterator checks the string's form at every byte.
        text.utf8.withContiguousStorageIfAvailable(canonicalPacked) ?? Array(text.utf8).withUnsafeBufferPointer(canonicalPacked)
    }

    private static func canonicalPacked(_ b: UnsafeBufferPointer<UInt8>) -> Groups? {
        // 1, 4, 7 or 10 bytes: the major digit, then "-DD" per group.
        let n = b.count
        guard n == 1 || n == 4 || n == 7 || n == 10, b[0] >= 0x31, b[0] <= 0x38 else { return nil }
        var bits = Groups.packing(Int(b[0] - 0x30), at: 0)
        let count = (n + 2) / 3
        for g in 1..<count {
            let at = 3 * g - 2
            let dash = b[at], a = b[at + 1], c = b[at + 2]
            guard dash == 0x2D, a >= 0x30, a <= 0x39, c >= 0x30, c <= 0x39 else { return nil }
            bits |= Groups.packing(Int(a - 0x30) * 10 + Int(c - 0x30), at: g)
        }
        // Dropped groups are 0: their bytes are already clear.
        return .packed(bits, count: UInt8(keptGroups(count) { Groups.byte($0, of: bits) }))
    }

    /// Any other spelling: full-width digits, dash variants, spaces, 5- and 7-digit runs.
    private static func looseParts(_ raw: String) -> [Int]? {
        let text = TextNormalizer.halfWidth(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let dashes: Set<Character> = ["-", "‐", "‑", "‒", "–", "—", "―", "−", "－", "_", ".", " ", "·"]
        var groups: [String] = []
        var current = ""
        for ch in text {
            if ch.isASCII && ch.isNumber { current.append(ch) }
            else if dashes.contains(ch) {
                if !current.isEmpty { groups.append(current); current = "" }
            } else { return nil }
        }
        if !current.isEmpty { groups.append(current) }
        if groups.count == 1 {
            let digits = Array(groups[0])
            switch digits.count {
            case 1: groups = [String(digits)]
            case 5: groups = [String(digits[0]), String(digits[1...2]), String(digits[3...4])]
            case 7: groups = [String(digits[0]), String(digits[1...2]), String(digits[3...4]), String(digits[5...6])]
            default: return nil
            }
        }
        guard (1...4).contains(groups.count), groups[0].count == 1 else { return nil }
        for g in groups.dropFirst() where g.count != 2 { return nil }
        return groups.map { Int($0)! }
    }

    public var level: Level { Level.allCases[groupCount - 1] }

    /// `2-02-10-03`; coarser codes keep their own length (`2-02-10`).
    public var text: String {
        parts.enumerated().map { i, p in i == 0 ? String(p) : String(format: "%02d", p) }.joined(separator: "-")
    }

    /// The full 4-group form with zero padding (`2-02-00-00` for the medium group 2-02).
    public var paddedText: String {
        (parts + Array(repeating: 0, count: 4 - parts.count)).enumerated()
            .map { i, p in i == 0 ? String(p) : String(format: "%02d", p) }.joined(separator: "-")
    }

    public var description: String { text }

    /// The enclosing group, nil for a major group.
    public var parent: OccupationCode? {
        parts.count > 1 ? OccupationCode(parts: Array(parts.dropLast())) : nil
    }

    /// The group at a coarser level (or self when already that coarse).
    public func truncated(to level: Level) -> OccupationCode {
        OccupationCode(parts: Array(parts.prefix(level.depth)))
    }

    /// `X-XX-XX-00` (a minor group without subdivisions, or a label given at minor-group level) as the
    /// minor group `X-XX-XX`; other codes unchanged.
    public var groupEquivalent: OccupationCode {
        parts.count == 4 && parts[3] == 0 ? OccupationCode(parts: Array(parts.prefix(3))) : self
    }

    /// True when `other` is this code or lies inside this group (`2-02-10` contains `2-02-10-03`).
    public func contains(_ other: OccupationCode) -> Bool {
        other.parts.count >= parts.count && Array(other.parts.prefix(parts.count)) == parts
    }

    public static func < (a: OccupationCode, b: OccupationCode) -> Bool {
        // Packed bytes compare as the groups do; a shorter code with the same leading groups comes first.
        if case .packed(let x, let m) = a.groups, case .packed(let y, let n) = b.groups { return x != y ? x < y : m < n }
        return a.parts.lexicographicallyPrecedes(b.parts)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let code = OccupationCode(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not an occupation code (D-DD-DD-DD)")
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}
