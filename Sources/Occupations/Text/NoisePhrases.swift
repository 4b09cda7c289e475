import Foundation

/// Job-board noise that says nothing about the occupation: urgency, benefits, pay, schedules.
/// Removed from inputs before matching (never from classification terms).
enum NoisePhrases {
    static let zh: [String] = [
        "急招", "急聘", "直招", "诚聘", "高薪诚聘", "高薪", "月入过万", "月薪过万", "年薪", "月薪", "底薪", "无责任", "无责", "保底",
        "高提成", "提成", "五险一金", "六险一金", "七险一金", "五险", "社保", "周末双休", "双休", "单休", "大小周",
        "包吃住", "包吃", "包住", "包食宿", "食宿", "住宿", "不加班", "朝九晚六", "早九晚六", "日结", "周结", "长白班",
        "可兼职", "兼职", "全职", "应届生可", "无经验可", "经验不限", "不限经验", "学历不限", "免费培训", "带薪培训",
        "带薪", "年终奖", "奖金", "福利好", "待遇优厚", "待遇好", "氛围好", "轻松", "稳定", "可以就近安排", "就近安排",
        "数名", "若干", "多名", "名额",
    ]

    /// Phrases by first scalar, longest first.
    static let byFirst: [UInt32: [[UInt32]]] = {
        var map: [UInt32: [[UInt32]]] = [:]
        for p in zh { let s = p.unicodeScalars.map(\.value); map[s[0], default: []].append(s) }
        return map.mapValues { $0.sorted { $0.count > $1.count } }
    }()

    /// Replaces every noise phrase by a segment break.
    static func remove(from s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var i = 0
        outer: while i < s.count {
            if let candidates = byFirst[s[i]] {
                for p in candidates where i + p.count <= s.count {
                    var same = true
                    for k in 1..<p.count where s[i + k] != p[k] { same = false; break }
                    if same { out.append(JobTextNormalizer.breakScalar); i += p.count; continue outer }
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// "8k", "15w", "3000元"-style tokens (lower-case ASCII word scalars): digits then a pay unit.
    static func isSalaryToken(_ word: [UInt32]) -> Bool {
        guard let first = word.first, (0x30...0x39).contains(first) else { return false }
        let tail = word.drop(while: { (0x30...0x39).contains($0) })
        let units: [[UInt32]] = [[0x6B], [0x77], [0x6B, 0x77], [0x6B, 0x2B], [0x77, 0x2B], [0x2B], [0x72, 0x6D, 0x62], [0x79, 0x75, 0x61, 0x6E]]
        return units.contains { Array(tail) == $0 }
    }

    /// Units that follow a number in pay and counts ("4000元", "1万", "3人", "13薪"); dropped after a dropped number.
    static let numberUnits: Set<UInt32> = [0x5143, 0x4E07, 0x5343, 0x85AA, 0x8D77, 0x5929, 0x6708, 0x4E2A, 0x4EBA, 0x540D, 0x5E74, 0x5468, 0x5C0F, 0x65F6]
}
