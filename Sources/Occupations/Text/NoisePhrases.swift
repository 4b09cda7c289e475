import Foundation

/// Job-board noise that says nothing about the occupation: urgency, benefits, pay, schedules.
/// Removed from inputs before matching (never from classification terms).
enum NoisePhrases {
    static let zh: [String] = [
        "急招", "急聘", "直招", "诚聘", "高薪诚聘", "高薪", "月入过万", "月薪过万", "年薪", "月薪", "底薪", "无责任", "无责", "保底",
        "提成", "高提成", "五险一金", "六险一金", "七险一金", "五险", "社保", "双休", "单休", "周末双休", "大小周",
        "包吃住", "包吃", "包住", "包食宿", "食宿", "住宿", "不加班", "朝九晚六", "早九晚六", "日结", "周结", "长白班",
        "可兼职", "兼职", "全职", "应届生可", "无经验可", "经验不限", "不限经验", "学历不限", "免费培训", "带薪培训",
        "带薪", "年终奖", "奖金", "福利好", "待遇优厚", "待遇好", "氛围好", "轻松", "稳定", "就近安排", "可以就近安排",
        "数名", "若干", "多名", "名额",
    ]

    /// "8k", "15w", "3000元", "10k-15k", "8薪"-style tokens (after English words are split off).
    static func isSalaryToken(_ word: String) -> Bool {
        let lower = word.lowercased()
        guard let first = lower.first, first.isNumber else { return false }
        let tail = lower.drop(while: { $0.isNumber })
        return ["k", "w", "kw", "k+", "w+", "+", "rmb", "yuan"].contains(String(tail))
    }

    /// Drops a salary or count written in Chinese at the end of a segment: "客服4000元", "销售1万".
    static func stripSalaryTail(_ segment: String) -> String {
        var s = Substring(segment)
        let units: Set<Character> = ["元", "万", "千", "薪", "起", "天", "月", "个", "人", "名"]
        var changed = true
        while changed {
            changed = false
            let trimmed = s.trimmingTrailing(where: { units.contains($0) || $0 == "+" || $0 == "~" || $0 == "-" || $0 == " " })
            let beforeDigits = trimmed.trimmingTrailing(where: { $0.isNumber || $0 == " " || $0 == "k" || $0 == "w" })
            if beforeDigits.count < trimmed.count && trimmed.count < s.count {
                s = beforeDigits; changed = true
            }
        }
        return String(s).trimmingCharacters(in: .whitespaces)
    }
}

private extension Substring {
    func trimmingTrailing(where predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let prev = index(before: end)
            if predicate(self[prev]) { end = prev } else { break }
        }
        return self[startIndex..<end]
    }
}
