/// Where a rule, table or deadline comes from, so that a user can see why it was applied and replace it.
///
/// ```yaml
/// provenance:
///   source: "外专发〔2017〕40号, annex 3"
///   edition: "2017 interim"
///   effective: 2017-04-01
///   confidence: V        # V verified, P paraphrase, U unverified (configurable, never law)
/// ```
public struct Provenance: Codable, Sendable, Hashable {
    /// The publication or notice the rule comes from.
    public var source: String
    /// The edition or version of that publication.
    public var edition: String
    /// The date from which the rule applies.
    public var effective: Day?
    /// How sure we are: see ``Confidence``.
    public var confidence: Confidence
    /// A note, for example why a value is unverified.
    public var note: String?

    public init(source: String, edition: String, effective: Day?, confidence: Confidence = .verified, note: String? = nil) {
        self.source = source
        self.edition = edition
        self.effective = effective
        self.confidence = confidence
        self.note = note
    }

    /// One line for human output: `source (edition, effective 2017-04-01) [U]`.
    public var citation: String {
        var text = "\(source) (\(edition)"
        if let effective { text += ", effective \(effective)" }
        text += ")"
        if confidence == .unverified { text += " [unverified: configurable, not law]" }
        else if confidence == .paraphrase { text += " [paraphrase]" }
        return text
    }
}

/// The confidence marks of the domain brief.
public enum Confidence: String, Codable, Sendable, Hashable {
    /// Reproduced in an official-text copy, or two independent sources agree.
    case verified = "V"
    /// Paraphrase only.
    case paraphrase = "P"
    /// Not verified: modelled as data a user can correct.
    case unverified = "U"
}
