/// Whether the hire's status carries over to a leg, as the JSON output names it.
public enum Recognition: String, Sendable, Codable, CaseIterable {
    /// The current certification holds at the destination (A/B nationwide, or the permit's own province).
    case carriedOver = "carried_over"
    /// The status does not carry over: a new permit for the destination is needed before work starts.
    case newPermitRequired = "new_permit_required"
    /// The status carries over once a filing with the destination is made.
    case localFilingRequired = "local_filing_required"
    /// The rules could not decide (for example, no catalogue is loaded for the destination).
    case unknown
}
