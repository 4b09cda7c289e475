import RencaiCore

/// Why a page or file could not be read as a catalogue. The revision is not recorded and the baseline
/// stays; the message says what to check.
public enum CatalogueError: UserFacingError, Hashable {
    /// The page has no `<table>` (or the notice led nowhere).
    case noTable(source: String)
    /// No row of the table looks like a header.
    case noHeader(source: String)
    /// `key_columns:` names columns the table does not have.
    case keyColumnNotFound(source: String, wanted: [String], headers: [String])
    /// The table has a header but no data rows.
    case noRows(source: String)
    /// The bytes are not in the expected format (with the reason).
    case unreadable(source: String, reason: String)
    /// A notice list had no link whose text matches `link_text:`.
    case noMatchingNotice(source: String, linkText: [String])
    /// A notice had neither a table nor an attachment of an accepted kind.
    case noAttachment(source: String, accepted: [String])

    public var message: String {
        switch self {
        case .noTable(let s):
            return "\(s): no table in the page: check the source's url and kind (html_table, xlsx, csv, notice_list)"
        case .noHeader(let s):
            return "\(s): no header row found: set key_columns: in the source to the header of the occupation code column"
        case .keyColumnNotFound(let s, let wanted, let headers):
            return "\(s): none of the key_columns \(wanted.joined(separator: ", ")) is a column of the table (columns: \(headers.joined(separator: ", "))): correct key_columns in the config"
        case .noRows(let s):
            return "\(s): the table has a header but no rows: the page may be a placeholder; check it in a browser"
        case .unreadable(let s, let reason):
            return "\(s): \(reason)"
        case .noMatchingNotice(let s, let words):
            return "\(s): no link on the notice list contains \(words.joined(separator: " or ")): check link_text in the config"
        case .noAttachment(let s, let accepted):
            let own = accepted.contains("html") ? "and no table of its own" : "(its own table is read only when attachment: lists html)"
            return "\(s): the notice has no \(accepted.filter { $0 != "html" }.joined(separator: "/")) attachment \(own): check attachment in the config or import the file with `rencai watch import`"
        }
    }

    public var exitStatus: ExitStatus { .dataError }
}
