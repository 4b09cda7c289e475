import Foundation

/// How a notice list leads to a catalogue: the newest notice whose link text matches, then on that notice
/// the first attachment of an accepted kind (or the notice's own table).
enum NoticeLinks {
    /// The first link (lists are newest first) whose text contains one of `words`, ignoring case, white
    /// space and full-width forms.
    static func matchingNotice(in page: HTMLPage, words: [String]) -> HTMLPage.Link? {
        let wanted = words.map { CellText.comparable($0).lowercased() }.filter { !$0.isEmpty }
        return page.links.first { link in
            let text = CellText.comparable(link.text).lowercased()
            return wanted.contains { text.contains($0) }
        }
    }

    /// The attachment kind a link points at, by the extension of its path or of its text.
    static func attachmentKind(_ link: HTMLPage.Link) -> CatalogueSource.AttachmentKind? {
        let ext = link.url.pathExtension.lowercased()
        if ext == "xlsx" { return .xlsx }
        if ext == "csv" { return .csv }
        let text = link.text.lowercased()
        if text.hasSuffix(".xlsx") { return .xlsx }
        if text.hasSuffix(".csv") { return .csv }
        if ["html", "htm", "shtml"].contains(ext) { return .html }
        return nil
    }

    /// The first link of each accepted spreadsheet kind, in the source's order of preference.
    static func attachment(in page: HTMLPage, accepted: [CatalogueSource.AttachmentKind]) -> (CatalogueSource.AttachmentKind, URL)? {
        for kind in accepted where kind != .html {
            if let link = page.links.first(where: { attachmentKind($0) == kind }) { return (kind, link.url) }
        }
        return nil
    }
}
