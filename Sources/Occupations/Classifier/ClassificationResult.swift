import RencaiCore

/// One ranked candidate: the code, its title, a score (higher is better; comparable within one input)
/// and the matched terms that explain the score.
public struct Candidate: Sendable, Codable, Hashable {
    public let code: String
    public let title: String
    public let titleEN: String?
    public let score: Double
    /// Why: `alias:销售经理`, `title:软件工程师`, `en:engineer→工程师`, `bigram:运营`, `confirmed:…`.
    public let matched: [String]
}

/// The answer for one input text.
///
/// `review` is true when the best candidate is weak or the top two are close; `group` then names the
/// minor or medium group the top candidates share (the back-off when no single occupation convinces).
public struct ClassificationResult: Sendable, Codable {
    public let input: String
    public let candidates: [Candidate]
    public let review: Bool
    public let group: GroupBackoff?

    public struct GroupBackoff: Sendable, Codable, Hashable {
        public let code: String
        public let title: String
        public let level: String
    }
}
